"""Makes and reads collections of every field type Milvus 2.2 stores, with pymilvus, for the
Milvus 2.2.16 migration tests (2.2: one vector field per collection, no ARRAY, JSON since 2.2.8).

create: a collection of N entities; --shape scalars: INT64 key, FLOAT_VECTOR, BOOL, INT8, INT16,
INT32, FLOAT, DOUBLE, VARCHAR, JSON and dynamic fields; --shape binary: VARCHAR key, BINARY_VECTOR
and INT64; --shape array: the scalars shape plus an ARRAY field (not for 2.2 servers). Every tenth
entity is deleted after a flush; the collection is indexed and loaded.
dump: every entity of a collection, one canonical JSON line per entity in key order (fields named
explicitly: 2.2 reads no vectors for "*"), then one line with the schema as pymilvus reads it.
change: inserts --rows more entities after the first --rows-before ones and deletes keys 1 to 5
(as live writes during a zero-downtime sync).
list: the names of the server's collections, one a line.
"""
import argparse
import json
import random

from pymilvus import DataType, MilvusClient

DIM = 8
BINARY_DIM = 16


def create(client, args):
    binary = args.shape == "binary"
    schema = client.create_schema(auto_id=False, enable_dynamic_field=not binary)
    if binary:
        schema.add_field("key", DataType.VARCHAR, is_primary=True, max_length=32)
        schema.add_field("bits", DataType.BINARY_VECTOR, dim=BINARY_DIM)
        schema.add_field("count", DataType.INT64)
    else:
        schema.add_field("key", DataType.INT64, is_primary=True)
        schema.add_field("dense", DataType.FLOAT_VECTOR, dim=DIM)
        schema.add_field("flag", DataType.BOOL)
        schema.add_field("tiny", DataType.INT8)
        schema.add_field("small", DataType.INT16)
        schema.add_field("medium", DataType.INT32)
        schema.add_field("ratio", DataType.FLOAT)
        schema.add_field("score", DataType.DOUBLE)
        schema.add_field("title", DataType.VARCHAR, max_length=64)
        schema.add_field("meta", DataType.JSON)
        if args.shape == "array":
            schema.add_field("tags", DataType.ARRAY, element_type=DataType.INT64, max_capacity=4)
    index = client.prepare_index_params()
    if binary:
        index.add_index("bits", index_type="BIN_FLAT", metric_type="HAMMING")
    else:
        index.add_index("dense", index_type="FLAT", metric_type="L2")
    client.create_collection(args.collection, schema=schema, index_params=index)
    rnd = random.Random(args.collection)
    rows = [row(rnd, i, args.shape) for i in range(args.rows)]
    for start in range(0, len(rows), 1000):
        client.insert(args.collection, rows[start:start + 1000])
    client.flush(args.collection)
    deleted = [r["key"] for r in rows[::10]]
    client.delete(args.collection, ids=deleted)
    client.load_collection(args.collection)
    print(json.dumps({"created": args.collection, "rows": args.rows - len(deleted)}))


def change(client, args):
    rnd = random.Random(args.collection + "-change")
    added = [row(rnd, i, args.shape) for i in range(args.rows_before, args.rows_before + args.rows)]
    client.insert(args.collection, added)
    client.delete(args.collection, ids=[row(rnd, i, args.shape)["key"] for i in range(1, 6)])
    print(json.dumps({"changed": args.collection, "inserted": len(added), "deleted": 5}))


def row(rnd, i, shape):
    if shape == "binary":
        return {"key": "k%05d" % i, "bits": bytes(rnd.randrange(256) for _ in range(BINARY_DIM // 8)), "count": i}
    entity = {
        "key": i,
        "dense": [rnd.uniform(-1, 1) for _ in range(DIM)],
        "flag": i % 2 == 0,
        "tiny": i % 128 - 64,
        "small": i - 1000,
        "medium": i * 1000,
        "ratio": i / 8,
        "score": rnd.uniform(-1e6, 1e6),
        "title": "title %d é" % i,
        "meta": {"n": i, "name": "entity %d" % i, "nested": {"even": i % 2 == 0}, "list": [i, "x"]},
        "extra": "dynamic %d" % i,
    }
    if shape == "array":
        entity["tags"] = [i, i * 2][: i % 3]
    return entity


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
    described = client.describe_collection(args.collection)
    names = [f["name"] for f in described["fields"]]
    key = next(f for f in described["fields"] if f.get("is_primary"))
    everything = '%s >= ""' % key["name"] if key["type"] == DataType.VARCHAR else "%s >= 0" % key["name"]
    if described.get("enable_dynamic_field"):
        names.append("$meta")
    entities = client.query(args.collection, filter=everything, output_fields=names, limit=16384,
                           consistency_level="Strong")
    for entity in sorted(entities, key=lambda e: e[key["name"]]):
        print(json.dumps(canonical(dict(entity)), sort_keys=True))
    fields = [{"name": f["name"], "type": str(f["type"]), "params": canonical(f.get("params", {})),
               "primary": bool(f.get("is_primary")), "auto_id": bool(f.get("auto_id"))}
              for f in described["fields"]]
    print(json.dumps({"fields": fields, "dynamic": bool(described.get("enable_dynamic_field"))},
                     sort_keys=True, default=str))


def list_collections(client, args):
    for name in sorted(client.list_collections()):
        print(name)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["create", "dump", "change", "list"])
    parser.add_argument("--uri", required=True)
    parser.add_argument("--collection")
    parser.add_argument("--rows", type=int, default=3000)
    parser.add_argument("--rows-before", type=int, default=3000)
    parser.add_argument("--shape", choices=["scalars", "binary", "array"], default="scalars")
    args = parser.parse_args()
    client = MilvusClient(uri=args.uri)
    try:
        {"create": create, "dump": dump, "change": change, "list": list_collections}[args.command](client, args)
    finally:
        client.close()


if __name__ == "__main__":
    main()
