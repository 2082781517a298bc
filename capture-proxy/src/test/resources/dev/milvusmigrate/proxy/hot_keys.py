"""Concurrent writers on the same few keys through one URI, then the collection's final state.

Each writer (a MilvusClient of its own, on a thread) upserts the hot keys 0-9 round after round with
n = writer * 100000 + round, and now and then deletes by filter (some keys by id, or every entity
whose n is below a bound); a writer's error fails the run. Prints one JSON line, {"final": {key: n}}, read with Strong consistency.

  hot_keys.py URI COLLECTION WRITERS ROUNDS
"""
import json
import random
import sys
import threading

from pymilvus import DataType, MilvusClient

uri, collection = sys.argv[1:3]
writers, rounds = int(sys.argv[3]), int(sys.argv[4])
KEYS = range(10)

setup = MilvusClient(uri=uri)
schema = setup.create_schema(auto_id=False)
schema.add_field("id", DataType.INT64, is_primary=True)
schema.add_field("n", DataType.INT64)
schema.add_field("embedding", DataType.FLOAT_VECTOR, dim=4)
index = setup.prepare_index_params()
index.add_index("embedding", metric_type="L2", index_type="FLAT")
setup.create_collection(collection, schema=schema, index_params=index, consistency_level="Strong")


def write(writer):
    client = MilvusClient(uri=uri)
    r = random.Random(writer)
    for round_ in range(rounds):
        n = writer * 100000 + round_
        keys = r.sample(list(KEYS), 4)
        client.upsert(collection, [{"id": k, "n": n, "embedding": [float(k), float(writer), 0.5, 0.25]} for k in keys])
        if round_ % 5 == 4:
            client.delete(collection, filter="id in [%d, %d]" % (r.choice(KEYS), r.choice(KEYS)))
        if round_ % 9 == 8:
            client.delete(collection, filter="n < %d" % (n - 3))


errors = []


def writer_thread(writer):
    try:
        write(writer)
    except Exception as e:  # a writer that died must fail the run, not shorten it
        errors.append("writer %d: %r" % (writer, e))


threads = [threading.Thread(target=writer_thread, args=(w,)) for w in range(writers)]
for t in threads:
    t.start()
for t in threads:
    t.join()
if errors:
    sys.exit("; ".join(errors))

rows = setup.query(collection, filter="id >= 0", output_fields=["id", "n"], consistency_level="Strong")
print(json.dumps({"final": {str(row["id"]): row["n"] for row in rows}}, sort_keys=True), flush=True)
