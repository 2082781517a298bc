"""Writes through a MilvusClient and prints, one JSON line each, what the server acknowledged.

  writes.py URI COLLECTION sequence   creates COLLECTION and writes inserts, an upsert, deletes by ids
                                      and by filter, an insert into a partition: {"kind", "keys"} each
  writes.py URI COLLECTION insert [K [P]]  inserts one row (key K, default 1000; into partition P):
                                      {"kind", "keys"} or {"error"}
  writes.py URI COLLECTION count F    prints how many entities of COLLECTION match the filter F
"""
import json
import sys

from pymilvus import DataType, MilvusClient, MilvusException

uri, collection, mode = sys.argv[1:4]


def row(key, version):
    return {"id": key, "n": key * 10 + version, "embedding": [float(key), float(version), 0.5, 0.25]}


def acknowledged(kind, keys):
    print(json.dumps({"kind": kind, "keys": sorted(keys)}), flush=True)


if mode == "sequence":
    client = MilvusClient(uri=uri)
    schema = client.create_schema(auto_id=False)
    schema.add_field("id", DataType.INT64, is_primary=True)
    schema.add_field("n", DataType.INT64)
    schema.add_field("embedding", DataType.FLOAT_VECTOR, dim=4)
    index = client.prepare_index_params()
    index.add_index("embedding", metric_type="L2", index_type="FLAT")
    client.create_collection(collection, schema=schema, index_params=index)
    client.create_partition(collection, "p1")
    client.insert(collection, [row(k, 0) for k in range(10)])
    acknowledged("INSERT", range(10))
    client.upsert(collection, [row(k, 1) for k in range(3, 6)])
    acknowledged("UPSERT", range(3, 6))
    client.delete(collection, ids=[1, 2])
    acknowledged("DELETE", [1, 2])
    client.delete(collection, filter="n >= 80")  # keys 8 and 9
    acknowledged("DELETE", [8, 9])
    client.insert(collection, [row(k, 0) for k in range(100, 104)], partition_name="p1")
    acknowledged("INSERT", range(100, 104))
elif mode == "count":
    client = MilvusClient(uri=uri)
    print(len(client.query(collection, filter=sys.argv[4], output_fields=["id"], consistency_level="Strong")))
else:
    try:
        key = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
        client = MilvusClient(uri=uri, timeout=10)
        partition = sys.argv[5] if len(sys.argv) > 5 else None
        client.insert(collection, [row(key, 0)], partition_name=partition, retry_times=0)  # no resend on UNAVAILABLE
        acknowledged("INSERT", [key])
    except MilvusException as e:
        print(json.dumps({"error": {"code": str(e.code), "message": e.message}}), flush=True)
