"""A collection as an application fills it with pymilvus, and one entity changed behind the tool's back.

  create  a collection (id, title, meta JSON, embedding FLOAT_VECTOR(8), FLAT index) of --rows
          entities whose values follow from their keys, so two servers given the same arguments
          hold the same entities; flushed
  upsert  the entity of --key again with its first vector component moved to the adjacent float32
          (one bit of difference), the rest unchanged; prints its old and new vector
"""
import argparse
import json
import random
import struct

from pymilvus import DataType, MilvusClient

DIM = 8
BATCH = 1000


def connect(uri, database):
    admin = MilvusClient(uri=uri)
    if database not in admin.list_databases():
        admin.create_database(database)
    admin.close()
    return MilvusClient(uri=uri, db_name=database)


def entity(key):
    r = random.Random(key)
    return {"id": key, "title": "row %d" % key, "meta": {"k": key % 10, "tags": ["t%d" % (key % 3)]},
            "embedding": [r.uniform(-1, 1) for _ in range(DIM)]}


def adjacent_float32(value):
    bits = struct.unpack("<I", struct.pack("<f", value))[0]
    return struct.unpack("<f", struct.pack("<I", bits ^ 1))[0]


def create(args):
    client = connect(args.uri, args.db)
    schema = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
    schema.add_field("id", DataType.INT64, is_primary=True)
    schema.add_field("title", DataType.VARCHAR, max_length=64)
    schema.add_field("meta", DataType.JSON)
    schema.add_field("embedding", DataType.FLOAT_VECTOR, dim=DIM)
    index = client.prepare_index_params()
    index.add_index(field_name="embedding", index_type="FLAT", metric_type="L2")
    client.create_collection(args.collection, schema=schema, index_params=index)
    for start in range(0, args.rows, BATCH):
        client.insert(args.collection, [entity(key) for key in range(start, min(args.rows, start + BATCH))])
    client.flush(args.collection)
    client.close()


def upsert(args):
    client = connect(args.uri, args.db)
    client.load_collection(args.collection)
    [old] = client.query(args.collection, filter="id == %d" % args.key,
                         output_fields=["id", "title", "meta", "embedding"], consistency_level="Strong")
    changed = dict(old)
    changed["embedding"] = [adjacent_float32(old["embedding"][0])] + [float(x) for x in old["embedding"][1:]]
    client.upsert(args.collection, [changed])
    print(json.dumps({"old": [float(x) for x in old["embedding"]], "new": changed["embedding"]}))
    client.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["create", "upsert"])
    parser.add_argument("--uri", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--collection", required=True)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--key", type=int)
    args = parser.parse_args()
    {"create": create, "upsert": upsert}[args.command](args)


if __name__ == "__main__":
    main()
