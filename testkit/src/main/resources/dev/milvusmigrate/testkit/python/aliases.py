"""Aliases as an application creates them with pymilvus, and shapes a target may not keep.

  create         collections e_idx and d_parts (two partitions), indexed, a few rows each, loaded, with
                 the aliases e_alias and e_latest -> e_idx and d_alias -> d_parts
  take           a collection --collection on a server with the alias --alias pointing at it
  partition-key  a partition-key collection --name with --partitions partitions, indexed, a few rows, loaded
  wide           a collection --name with a --dim dimensional vector and a few rows, not indexed
  drop           the database and its collections (their aliases go with them)
  show           every alias of every collection of the database, as list_aliases reports it: one JSON line

Aliases are read back with pymilvus's list_aliases, so what an application sees is what is compared.
"""
import argparse
import json
import random

from pymilvus import DataType, MilvusClient

DIM = 8
ALIASES = {"e_alias": "e_idx", "e_latest": "e_idx", "d_alias": "d_parts"}


def connect(uri, database):
    admin = MilvusClient(uri=uri)
    if database not in admin.list_databases():
        admin.create_database(database)
    admin.close()
    return MilvusClient(uri=uri, db_name=database)


def create_collection(client, name, rows, partitions=(), partition_key_partitions=None):
    schema = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
    schema.add_field("id", DataType.INT64, is_primary=True)
    schema.add_field("tenant", DataType.INT64, is_partition_key=partition_key_partitions is not None)
    schema.add_field("embedding", DataType.FLOAT_VECTOR, dim=DIM)
    extra = {"num_partitions": partition_key_partitions} if partition_key_partitions is not None else {}
    params = client.prepare_index_params()
    params.add_index(field_name="embedding", index_type="AUTOINDEX", metric_type="L2")
    client.create_collection(name, schema=schema, index_params=params, **extra)
    for partition in partitions:
        client.create_partition(name, partition)
    r = random.Random(name)
    for index, partition in enumerate(("_default",) + tuple(partitions) if partition_key_partitions is None
                                      else (None,)):
        data = [{"id": index * rows + key, "tenant": key % 7, "embedding": [r.uniform(-1, 1) for _ in range(DIM)]}
                for key in range(rows)]
        client.insert(name, data, **({"partition_name": partition} if partition else {}))
    client.flush(name)
    client.load_collection(name)


def create(args):
    client = connect(args.uri, args.db)
    create_collection(client, "e_idx", args.rows)
    create_collection(client, "d_parts", args.rows, partitions=("p1", "p2"))
    for alias, collection in ALIASES.items():
        client.create_alias(collection, alias)
    client.close()


def take(args):
    client = connect(args.uri, args.db)
    create_collection(client, args.collection, args.rows)
    client.create_alias(args.collection, args.alias)
    client.close()


def partition_key(args):
    client = connect(args.uri, args.db)
    create_collection(client, args.name, args.rows, partition_key_partitions=args.partitions)
    client.close()


def wide(args):
    client = connect(args.uri, args.db)
    schema = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
    schema.add_field("id", DataType.INT64, is_primary=True)
    schema.add_field("embedding", DataType.FLOAT_VECTOR, dim=args.dim)
    client.create_collection(args.name, schema=schema)
    r = random.Random(args.name)
    client.insert(args.name, [{"id": key, "embedding": [r.uniform(-1, 1) for _ in range(args.dim)]}
                              for key in range(3)])
    client.close()


def show(args):
    client = MilvusClient(uri=args.uri, db_name=args.db)
    shown = {}
    for collection in client.list_collections():
        # Milvus 2.3.5 reads the database of ListAliases from the request only (not the connection's).
        for alias in client.list_aliases(collection, db_name=args.db)["aliases"]:
            shown[alias] = collection
    client.close()
    print(json.dumps(shown, sort_keys=True))


def drop(args):
    admin = MilvusClient(uri=args.uri)
    if args.db in admin.list_databases():
        client = MilvusClient(uri=args.uri, db_name=args.db)
        for collection in client.list_collections():
            client.drop_collection(collection)
        client.close()
        admin.drop_database(args.db)
    admin.close()


def main():
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    c = commands.add_parser("create")
    t = commands.add_parser("take")
    t.add_argument("--collection", required=True)
    t.add_argument("--alias", required=True)
    p = commands.add_parser("partition-key")
    p.add_argument("--name", required=True)
    p.add_argument("--partitions", type=int, required=True)
    w = commands.add_parser("wide")
    w.add_argument("--name", required=True)
    w.add_argument("--dim", type=int, required=True)
    s = commands.add_parser("show")
    d = commands.add_parser("drop")
    for command in (c, t, p, w, s, d):
        command.add_argument("--uri", required=True)
        command.add_argument("--db", required=True)
        command.add_argument("--rows", type=int, default=20)
    args = parser.parse_args()
    {"create": create, "take": take, "partition-key": partition_key, "wide": wide, "show": show, "drop": drop}[args.command](args)


if __name__ == "__main__":
    main()
