"""Makes and reads the version matrix's dataset with pymilvus: for one kind of server, collections
that together hold every field type and schema feature that server stores.

create --kind K --prefix P: the collections for kind K (lite-2.4, lite-2.5, lite-3, milvus-2.2,
milvus-2.3), named P_<shape>, each with --rows entities of which every tenth is deleted after a
flush, indexed and loaded; prints one line per collection: {"collection": name, "shape": shape}.
Shapes: scalars (INT64 key, FLOAT_VECTOR, BOOL, INT8-INT64, FLOAT, DOUBLE, VARCHAR, JSON, dynamic
fields), auto (an auto-id INT64 key), binary (VARCHAR key, BINARY_VECTOR), arrays (VARCHAR key,
ARRAY of every element type), sparse (a dense and a sparse vector), float16 (FLOAT16_VECTOR and
BFLOAT16_VECTOR), defaults (fields with default values).
dump: every entity, one canonical JSON line per entity in key order (fields named explicitly: 2.2
reads no vectors for "*"), then one line with the schema (fields with their type, parameters,
key, auto_id, default value; dynamic fields on or off) as pymilvus reads it.
write: an application writing to --collections (named P_<shape>, as create made them) until
--stop-file appears: each round, per collection, inserts new entities (keys from --first-key),
deletes one the create made and one this writer inserted the round before, and, with --upsert,
upserts one the create made (not into auto); keeps {"operations": n, "stopped": true at the end}
in --stats.
drop: drops --collection, or every collection of the server.
list: the names of the server's collections, one a line.
"""
import argparse
import json
import os
import random
import time

import numpy as np
from pymilvus import DataType, MilvusClient

DIM = 8
BINARY_DIM = 16
ARRAYS = [("tags", DataType.VARCHAR), ("nums", DataType.INT64), ("i32s", DataType.INT32),
          ("i16s", DataType.INT16), ("i8s", DataType.INT8), ("floats", DataType.FLOAT),
          ("doubles", DataType.DOUBLE), ("flags", DataType.BOOL)]
SHAPES = {
    "milvus-2.2": ["scalars", "auto", "binary"],
    "milvus-2.3": ["scalars", "auto", "binary", "arrays"],
    "lite-2.4": ["scalars", "auto", "binary", "arrays", "sparse"],
    "lite-2.5": ["scalars", "auto", "binary", "arrays", "sparse", "float16", "defaults"],
    "lite-3": ["scalars", "auto", "arrays", "sparse", "defaults"],
}


def schema_of(shape):
    auto = shape == "auto"
    s = MilvusClient.create_schema(auto_id=auto, enable_dynamic_field=shape == "scalars")
    if shape in ("binary", "arrays"):
        s.add_field("key", DataType.VARCHAR, is_primary=True, max_length=32)
    else:
        s.add_field("key", DataType.INT64, is_primary=True, auto_id=auto)
    if shape == "binary":
        s.add_field("bits", DataType.BINARY_VECTOR, dim=BINARY_DIM)
        s.add_field("count", DataType.INT64)
        return s
    s.add_field("dense", DataType.FLOAT_VECTOR, dim=DIM)
    if shape == "scalars":
        for name, kind in [("flag", DataType.BOOL), ("tiny", DataType.INT8), ("small", DataType.INT16),
                           ("medium", DataType.INT32), ("large", DataType.INT64), ("ratio", DataType.FLOAT),
                           ("score", DataType.DOUBLE)]:
            s.add_field(name, kind)
        s.add_field("title", DataType.VARCHAR, max_length=64)
        s.add_field("meta", DataType.JSON)
    elif shape == "auto":
        s.add_field("title", DataType.VARCHAR, max_length=64)
    elif shape == "arrays":
        for name, element in ARRAYS:
            extra = {"max_length": 32} if element == DataType.VARCHAR else {}
            s.add_field(name, DataType.ARRAY, element_type=element, max_capacity=4, **extra)
    elif shape == "sparse":
        s.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
    elif shape == "float16":
        s.add_field("half", DataType.FLOAT16_VECTOR, dim=DIM)
        s.add_field("brain", DataType.BFLOAT16_VECTOR, dim=DIM)
    elif shape == "defaults":
        s.add_field("level", DataType.INT64, default_value=7)
        s.add_field("label", DataType.VARCHAR, max_length=16, default_value="none")
    return s


def index_of(client, shape):
    index = client.prepare_index_params()
    if shape == "binary":
        index.add_index("bits", index_type="BIN_FLAT", metric_type="HAMMING")
        return index
    index.add_index("dense", index_type="FLAT", metric_type="L2")
    if shape == "sparse":
        index.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="IP")
    if shape == "float16":
        index.add_index("half", index_type="FLAT", metric_type="L2")
        index.add_index("brain", index_type="FLAT", metric_type="L2")
    return index


def row(rnd, i, shape):
    if shape == "binary":
        return {"key": "k%05d" % i, "bits": bytes(rnd.randrange(256) for _ in range(BINARY_DIM // 8)), "count": i}
    entity = {"dense": [rnd.uniform(-1, 1) for _ in range(DIM)]}
    if shape == "arrays":
        entity["key"] = "k%05d" % i
    elif shape != "auto":
        entity["key"] = i
    if shape == "scalars":
        entity.update({"flag": i % 2 == 0, "tiny": i % 128 - 64, "small": i - 1000, "medium": i * 1000,
                       "large": i * 3_000_000_007, "ratio": i / 8, "score": rnd.uniform(-1e6, 1e6),
                       "title": "title %d é" % i,
                       "meta": {"n": i, "name": "entity %d" % i, "nested": {"even": i % 2 == 0}, "list": [i, "x"]},
                       "extra": "dynamic %d" % i})
    elif shape == "auto":
        entity["title"] = "auto %d" % i
    elif shape == "arrays":
        n = i % 5
        entity.update({"tags": ["t%d" % (i + j) for j in range(n)], "nums": [i * 3_000_000_007 + j for j in range(n)],
                       "i32s": [i * 1000 + j for j in range(n)], "i16s": [i - j for j in range(n)],
                       "i8s": [(i + j) % 128 for j in range(n)], "floats": [i / 4 + j for j in range(n)],
                       "doubles": [rnd.uniform(-1e9, 1e9) for _ in range(n)], "flags": [j % 2 == 0 for j in range(n)]})
    elif shape == "sparse":
        entity["sparse"] = {rnd.randrange(1000): rnd.uniform(0.1, 1) for _ in range(1 + i % 3)}
    elif shape == "float16":
        entity["half"] = np.array([rnd.uniform(-1, 1) for _ in range(DIM)], dtype=np.float16)
        entity["brain"] = np.array([rnd.uniform(-1, 1) for _ in range(DIM)], dtype=np.float16).tobytes()
    elif shape == "defaults":
        # Given in every row: Milvus Lite 2.5.1 misplaces the values of a column rows leave out.
        entity["level"] = i
        entity["label"] = "label %d" % i
    return entity


def create(client, args):
    for shape in SHAPES[args.kind]:
        name = "%s_%s" % (args.prefix, shape)
        client.create_collection(name, schema=schema_of(shape), index_params=index_of(client, shape))
        rnd = random.Random(name)
        rows = [row(rnd, i, shape) for i in range(args.rows)]
        keys = []
        for start in range(0, len(rows), 1000):
            keys.extend(client.insert(name, rows[start:start + 1000])["ids"])
        client.flush(name)
        client.delete(name, ids=list(keys[::10]))
        client.load_collection(name)
        print(json.dumps({"collection": name, "shape": shape}))


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


def type_name(value):
    """VARCHAR for DataType.VARCHAR (which str() spells 21), None for no element type."""
    return DataType(value).name if value is not None else None


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
    fields = [{"name": f["name"], "type": type_name(f["type"]), "params": canonical(f.get("params", {})),
               "element_type": type_name(f.get("element_type")), "primary": bool(f.get("is_primary")),
               "auto_id": bool(f.get("auto_id")), "default": canonical(f.get("default_value"))}
              for f in described["fields"]]
    print(json.dumps({"fields": fields, "dynamic": bool(described.get("enable_dynamic_field"))},
                     sort_keys=True, default=str))


def key_of(i, shape):
    return "k%05d" % i if shape in ("binary", "arrays") else i


def write(client, args):
    collections = args.collections.split(",")
    rnd = random.Random(args.first_key)
    stats = {"operations": 0}
    inserted = {name: [] for name in collections}
    step = 0
    while not os.path.exists(args.stop_file):
        for name in collections:
            shape = name.rsplit("_", 1)[1]
            first = args.first_key + step * 3
            ids = client.insert(name, [row(rnd, i, shape) for i in range(first, first + 3)])["ids"]
            doomed = [key_of(1 + (step * 7) % (args.rows - 1), shape)] + inserted[name][-1:]
            client.delete(name, ids=doomed)
            inserted[name] = list(ids)
            stats["operations"] += 2
            if args.upsert and shape != "auto":
                client.upsert(name, [row(rnd, 2 + (step * 11) % (args.rows - 2), shape)])
                stats["operations"] += 1
        step += 1
        save(args.stats, stats)
        time.sleep(0.1)
    stats["stopped"] = True
    save(args.stats, stats)


def save(path, stats):
    with open(path + ".tmp", "w") as out:
        json.dump(stats, out)
    os.replace(path + ".tmp", path)


def drop(client, args):
    for name in [args.collection] if args.collection else client.list_collections():
        client.drop_collection(name)


def list_collections(client, args):
    for name in sorted(client.list_collections()):
        print(name)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["create", "dump", "write", "drop", "list"])
    parser.add_argument("--uri", required=True)
    parser.add_argument("--kind", choices=sorted(SHAPES))
    parser.add_argument("--prefix")
    parser.add_argument("--collection")
    parser.add_argument("--rows", type=int, default=500)
    parser.add_argument("--collections")
    parser.add_argument("--first-key", type=int, default=10_000)
    parser.add_argument("--upsert", action="store_true")
    parser.add_argument("--stop-file")
    parser.add_argument("--stats")
    args = parser.parse_args()
    client = MilvusClient(uri=args.uri)
    try:
        {"create": create, "dump": dump, "write": write, "drop": drop,
         "list": list_collections}[args.command](client, args)
    finally:
        client.close()


if __name__ == "__main__":
    main()
