"""Makes and reads collections with pymilvus for the older-Milvus-Lite migration tests.

create: a collection of N entities with a dense and a sparse vector, JSON, ARRAY and VARCHAR
fields, optionally a FLOAT16 vector, a field with a default value (given in every row: Milvus Lite
2.5.1 misplaces the values of a column where rows leave a default-valued field out) a partition holding the odd keys and an alias; indexes on every vector field; flushed and loaded.
dump: every entity of a collection, one canonical JSON line per entity in key order, then one
line with the schema's fields (name, type, parameters, default value), as pymilvus reads them.
list: the names of the server's collections, one a line.
"""
import argparse
import json
import random

from pymilvus import DataType, MilvusClient

DIM = 8


def create(client, args):
    schema = client.create_schema(auto_id=False, enable_dynamic_field=False)
    schema.add_field("id", DataType.INT64, is_primary=True)
    schema.add_field("dense", DataType.FLOAT_VECTOR, dim=DIM)
    schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
    schema.add_field("meta", DataType.JSON)
    schema.add_field("tags", DataType.ARRAY, element_type=DataType.INT64, max_capacity=4)
    schema.add_field("title", DataType.VARCHAR, max_length=64)
    if args.float16:
        schema.add_field("half", DataType.FLOAT16_VECTOR, dim=DIM)
    if args.defaults:
        schema.add_field("level", DataType.INT64, default_value=7)
    index = client.prepare_index_params()
    index.add_index("dense", index_type="FLAT", metric_type="L2")
    index.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="IP")
    if args.float16:
        index.add_index("half", index_type="FLAT", metric_type="L2")
    client.create_collection(args.collection, schema=schema, index_params=index)
    if args.partition:
        client.create_partition(args.collection, "odd")
    if args.alias:
        client.create_alias(args.collection, args.alias)
    rnd = random.Random(args.collection)
    rows = []
    for i in range(args.rows):
        row = {
            "id": i,
            "dense": [rnd.uniform(-1, 1) for _ in range(DIM)],
            "sparse": {rnd.randrange(1000): rnd.uniform(0.1, 1) for _ in range(1 + i % 3)},
            "meta": {"n": i, "name": "entity %d" % i, "nested": {"even": i % 2 == 0}},
            "tags": [i, i * 2][: i % 3],
            "title": "title %d" % i,
        }
        if args.float16:
            import numpy as np
            row["half"] = np.array([rnd.uniform(-1, 1) for _ in range(DIM)], dtype=np.float16)
        if args.defaults:
            row["level"] = i
        rows.append(row)
    if args.partition:
        client.insert(args.collection, [r for r in rows if r["id"] % 2 == 0])
        client.insert(args.collection, [r for r in rows if r["id"] % 2 == 1], partition_name="odd")
    else:
        client.insert(args.collection, rows)
    client.flush(args.collection)
    client.load_collection(args.collection)
    print(json.dumps({"created": args.collection, "rows": args.rows}))


def canonical(value):
    if isinstance(value, (bytes, bytearray)):
        return value.hex()
    if isinstance(value, dict):
        return {str(k): canonical(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    if hasattr(value, "tolist"):
        return canonical(value.tolist())
    return value


def dump(client, args):
    client.load_collection(args.collection)
    entities = client.query(args.collection, filter="id >= 0", output_fields=["*"], limit=16384)
    for entity in sorted(entities, key=lambda e: e["id"]):
        print(json.dumps(canonical(dict(entity)), sort_keys=True))
    described = client.describe_collection(args.collection)
    fields = [{"name": f["name"], "type": str(f["type"]), "params": canonical(f.get("params", {})),
               "default": canonical(f.get("default_value"))} for f in described["fields"]]
    print(json.dumps({"fields": fields}, sort_keys=True, default=str))


def list_collections(client, args):
    for name in sorted(client.list_collections()):
        print(name)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["create", "dump", "list"])
    parser.add_argument("--uri", required=True)
    parser.add_argument("--collection")
    parser.add_argument("--rows", type=int, default=300)
    parser.add_argument("--float16", action="store_true")
    parser.add_argument("--defaults", action="store_true")
    parser.add_argument("--partition", action="store_true")
    parser.add_argument("--alias")
    args = parser.parse_args()
    client = MilvusClient(uri=args.uri)
    try:
        {"create": create, "dump": dump, "list": list_collections}[args.command](client, args)
    finally:
        client.close()


if __name__ == "__main__":
    main()
