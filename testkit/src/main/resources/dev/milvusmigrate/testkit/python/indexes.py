"""Indexes as an application creates them with pymilvus, and their descriptions compared.

  create     collections with an IVF_FLAT {'nlist': 64}, an HNSW {'M': 16, 'efConstruction': 200}
             and scalar indexes (STL_SORT, Trie) created with the ORM's nested params (the server
             keeps them as JSON, numbers as numbers), and an HNSW created with MilvusClient (which
             sends each parameter as a string pair), a few rows each, loaded
  unindexed  collections with a vector field and rows but no index (Milvus 2.3 cannot load them)
  compare    describe_index of every index of every collection on two sides, key by key, with the
             Python type of each value; prints one JSON line per index and exits 1 on a difference

Build progress (total_rows, indexed_rows, pending_index_rows, state) is not compared: it is the
servers' state, not the index's definition.
"""
import argparse
import json
import random
import sys

from pymilvus import Collection, DataType, MilvusClient, connections

DIM = 8
PROGRESS = {"total_rows", "indexed_rows", "pending_index_rows", "state"}
INDEXED = {
    "ivf": [("embedding", "IVF_FLAT", "L2", {"nlist": 64}), ("n", "STL_SORT", None, {}),
            ("title", "Trie", None, {})],
    "hnsw": [("embedding", "HNSW", "COSINE", {"M": 16, "efConstruction": 200})],
}
CLIENT_INDEXED = {"client_hnsw": ("embedding", "HNSW", "IP", {"M": 8, "efConstruction": 64})}


def connect(uri, database):
    admin = MilvusClient(uri=uri)
    if database not in admin.list_databases():
        admin.create_database(database)
    admin.close()
    return MilvusClient(uri=uri, db_name=database)


def create_collection(client, name, rows):
    schema = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
    schema.add_field("id", DataType.INT64, is_primary=True)
    schema.add_field("n", DataType.INT64)
    schema.add_field("title", DataType.VARCHAR, max_length=64)
    schema.add_field("embedding", DataType.FLOAT_VECTOR, dim=DIM)
    client.create_collection(name, schema=schema)
    r = random.Random(name)
    client.insert(name, [{"id": key, "n": key * 7, "title": "row %d" % key,
                          "embedding": [r.uniform(-1, 1) for _ in range(DIM)]} for key in range(rows)])
    client.flush(name)


def create(args):
    client = connect(args.uri, args.db)
    connections.connect(alias="indexes", uri=args.uri, db_name=args.db)
    for name, indexes in INDEXED.items():
        create_collection(client, name, args.rows)
        for field, index_type, metric, extra in indexes:
            definition = {"index_type": index_type, "params": extra, **({"metric_type": metric} if metric else {})}
            Collection(name, using="indexes").create_index(field, definition, index_name=field + "_idx")
        client.load_collection(name)
    connections.disconnect("indexes")
    for name, (field, index_type, metric, extra) in CLIENT_INDEXED.items():
        create_collection(client, name, args.rows)
        params = client.prepare_index_params()
        params.add_index(field_name=field, index_type=index_type, index_name=field + "_idx", metric_type=metric,
                         **extra)
        client.create_index(name, params)
        client.load_collection(name)
    client.close()


def unindexed(args):
    client = connect(args.uri, args.db)
    for name in args.names.split(","):
        create_collection(client, name, args.rows)
    client.close()


def typed(description, prefix=""):
    """Each value with its Python type's name; a nested dict's keys as prefix.key (e.g. params.nlist)."""
    flat = {}
    for key, value in description.items():
        if isinstance(value, dict):
            flat.update(typed(value, prefix + key + "."))
        elif prefix or key not in PROGRESS:
            flat[prefix + key] = [value, type(value).__name__]
    return flat


def descriptions(uri, database):
    client = MilvusClient(uri=uri, db_name=database)
    described = {}
    for collection in sorted(client.list_collections()):
        for index in sorted(client.list_indexes(collection)):
            description = client.describe_index(collection, index)
            described[(collection, index)] = typed(description)
    client.close()
    return described


def compare(args):
    source = descriptions(args.source, args.db)
    target = descriptions(args.target, args.target_db)
    equal = bool(source)
    for key in sorted(set(source) | set(target)):
        same = source.get(key) == target.get(key)
        equal = equal and same
        print(json.dumps({"collection": key[0], "index": key[1], "equal": same, "source": source.get(key),
                          "target": target.get(key)}, sort_keys=True))
    print(json.dumps({"indexes": len(source), "equal": equal}))
    return 0 if equal else 1


def main():
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    c = commands.add_parser("create")
    u = commands.add_parser("unindexed")
    u.add_argument("--names", required=True)
    for command in (c, u):
        command.add_argument("--uri", required=True)
        command.add_argument("--db", required=True)
        command.add_argument("--rows", type=int, default=200)
    k = commands.add_parser("compare")
    k.add_argument("--source", required=True)
    k.add_argument("--target", required=True)
    k.add_argument("--db", required=True)
    k.add_argument("--target-db", required=True)
    args = parser.parse_args()
    if args.command == "create":
        create(args)
    elif args.command == "unindexed":
        unindexed(args)
    else:
        sys.exit(compare(args))


if __name__ == "__main__":
    main()
