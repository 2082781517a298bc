"""An auto-id collection as an application uses it with pymilvus: rows inserted without keys.

  create  database --db (created if missing) with collection --name: key INT64 auto_id, text VARCHAR, n INT64,
          embedding FLOAT_VECTOR(8); --rows rows inserted without keys, flushed, indexed (AUTOINDEX, L2)
  show    the collection as pymilvus reads it, loaded first: one JSON line with the key field's auto_id, the
          count(*), the keys, and every entity's fields but the key, sorted (a multiset)
  insert  one row without a key, as an application that leaves keys to the server does: one JSON line with the
          key the server generated and the count(*) afterwards
  drop    the database and its collections
"""
import argparse
import json
import random

from pymilvus import DataType, MilvusClient

DIM = 8
FIELDS = ["text", "n", "embedding"]


def client_for(args):
    return MilvusClient(uri=args.uri, db_name=args.db)


def create(args):
    admin = MilvusClient(uri=args.uri)
    if args.db not in admin.list_databases():
        admin.create_database(args.db)
    admin.close()
    client = client_for(args)
    schema = MilvusClient.create_schema(auto_id=True, enable_dynamic_field=False)
    schema.add_field("key", DataType.INT64, is_primary=True, auto_id=True)
    schema.add_field("text", DataType.VARCHAR, max_length=64)
    schema.add_field("n", DataType.INT64)
    schema.add_field("embedding", DataType.FLOAT_VECTOR, dim=DIM)
    params = client.prepare_index_params()
    params.add_index(field_name="embedding", index_type="AUTOINDEX", metric_type="L2")
    client.create_collection(args.name, schema=schema, index_params=params)
    r = random.Random(args.name)
    # Every third row repeats an earlier one but its key: the multiset must hold it twice.
    rows = [{"text": "note %d" % (i - i % 3 if i % 3 == 2 else i), "n": i - i % 3 if i % 3 == 2 else i,
             "embedding": [r.uniform(-1, 1) for _ in range(DIM)]} for i in range(args.rows)]
    for i in range(2, args.rows, 3):
        rows[i]["embedding"] = rows[i - i % 3]["embedding"]
    for start in range(0, len(rows), 100):
        client.insert(args.name, rows[start:start + 100])
    client.flush(args.name)
    client.close()


def count(client, name):
    return client.query(name, filter="", output_fields=["count(*)"], consistency_level="Strong")[0]["count(*)"]


def show(args):
    client = client_for(args)
    client.load_collection(args.name)
    described = client.describe_collection(args.name)
    key = next(f for f in described["fields"] if f.get("is_primary"))
    rows = client.query(args.name, filter="n >= 0", output_fields=[key["name"]] + FIELDS, limit=16384,
                        consistency_level="Strong")
    entities = sorted([row["text"], row["n"], [float(x) for x in row["embedding"]]] for row in rows)
    print(json.dumps({"auto_id": bool(key.get("auto_id")), "count": count(client, args.name),
                      "keys": sorted(row[key["name"]] for row in rows), "entities": entities}))
    client.close()


def insert(args):
    client = client_for(args)
    client.load_collection(args.name)
    result = client.insert(args.name, [{"text": "after", "n": 10 ** 9, "embedding": [0.5] * DIM}])
    print(json.dumps({"keys": list(result["ids"]), "count": count(client, args.name)}))
    client.close()


def drop(args):
    client = client_for(args)
    for name in client.list_collections():
        client.drop_collection(name)
    client.close()
    admin = MilvusClient(uri=args.uri)
    admin.drop_database(args.db)
    admin.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["create", "show", "insert", "drop"])
    parser.add_argument("--uri", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--name", default="notes")
    parser.add_argument("--rows", type=int, default=300)
    args = parser.parse_args()
    {"create": create, "show": show, "insert": insert, "drop": drop}[args.command](args)


if __name__ == "__main__":
    main()
