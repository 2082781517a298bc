"""A collection as an application uses it with pymilvus on a server with TLS and authentication.

  create  database --db (created if missing) with collection books: id INT64, title VARCHAR, embedding
          FLOAT_VECTOR(8), indexed (AUTOINDEX, L2), rows --first .. --first + --rows - 1 inserted and flushed
  insert  rows --first .. --first + --rows - 1 into books
  show    books as pymilvus reads it, loaded first: one JSON line with the count(*) and every id with its title
  databases  the server's databases, one JSON line (sorted); --db is not needed

Connection: --uri (https:// for TLS), --token (user:password), --ca (the CA's certificate, PEM) and for
mutual TLS --client-cert and --client-key (PEM).
"""
import argparse
import json

from pymilvus import DataType, MilvusClient

DIM = 8
NAME = "books"


def connect(args, db_name=None):
    tls = {}
    if args.client_cert:
        tls = {"ca_pem_path": args.ca, "client_pem_path": args.client_cert, "client_key_path": args.client_key}
    elif args.ca:
        tls = {"server_pem_path": args.ca}
    extra = {"db_name": db_name} if db_name else {}
    return MilvusClient(uri=args.uri, token=args.token or "", **tls, **extra)


def rows(first, count):
    return [{"id": i, "title": "book %d" % i, "embedding": [((i * 7 + d) % 13) / 13.0 for d in range(DIM)]}
            for i in range(first, first + count)]


def create(args):
    admin = connect(args)
    if args.db not in admin.list_databases():
        admin.create_database(args.db)
    admin.close()
    client = connect(args, args.db)
    schema = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
    schema.add_field("id", DataType.INT64, is_primary=True)
    schema.add_field("title", DataType.VARCHAR, max_length=32)
    schema.add_field("embedding", DataType.FLOAT_VECTOR, dim=DIM)
    params = client.prepare_index_params()
    params.add_index(field_name="embedding", index_type="AUTOINDEX", metric_type="L2")
    client.create_collection(NAME, schema=schema, index_params=params)
    client.insert(NAME, rows(args.first, args.rows))
    client.flush(NAME)
    client.close()


def insert(args):
    client = connect(args, args.db)
    client.insert(NAME, rows(args.first, args.rows))
    client.close()


def show(args):
    client = connect(args, args.db)
    client.load_collection(NAME)
    count = client.query(NAME, filter="", output_fields=["count(*)"], consistency_level="Strong")[0]["count(*)"]
    found = client.query(NAME, filter="id >= 0", output_fields=["id", "title"], limit=16384,
                         consistency_level="Strong")
    client.close()
    print(json.dumps({"count": count, "titles": {str(r["id"]): r["title"] for r in found}}, sort_keys=True))


def databases(args):
    client = connect(args)
    print(json.dumps(sorted(client.list_databases())))
    client.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["create", "insert", "show", "databases"])
    parser.add_argument("--uri", required=True)
    parser.add_argument("--db")
    parser.add_argument("--token")
    parser.add_argument("--ca")
    parser.add_argument("--client-cert")
    parser.add_argument("--client-key")
    parser.add_argument("--first", type=int, default=0)
    parser.add_argument("--rows", type=int, default=40)
    args = parser.parse_args()
    {"create": create, "insert": insert, "show": show, "databases": databases}[args.command](args)


if __name__ == "__main__":
    main()
