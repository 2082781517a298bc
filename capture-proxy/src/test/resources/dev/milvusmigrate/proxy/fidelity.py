"""The same MilvusClient operations against one server, printed as one JSON line per step.

Run once directly against a server and once through the capture-proxy, the two outputs must be
equal: results normalised (rows sorted by key, floats rounded, the server's ids and timestamps of
the collection left out as they differ between the two runs), errors as their code and message
(the collection's id in a message replaced too).

  fidelity.py URI COLLECTION [--user USER --password PASSWORD]   (with a user: users and roles too)
"""
import argparse
import json
import random
import re

from pymilvus import AnnSearchRequest, DataType, MilvusClient, MilvusException, RRFRanker

DIM = 8
# What differs between two runs on one server, whatever the path: the collection's identity and times.
VOLATILE = {"collection_id", "created_timestamp", "update_timestamp", "cost", "id_alias"}
# An index's build progress is the server's timing, not the index.
PROGRESS = {"total_rows", "indexed_rows", "pending_index_rows", "state"}


def normalise(value):
    if isinstance(value, dict):
        return {str(k): normalise(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, (str, int, bool)) or value is None:
        return value
    if hasattr(value, "items"):
        return normalise(dict(value.items()))
    if hasattr(value, "__iter__"):
        return [normalise(v) for v in value]
    return str(value)


def by_key(rows):
    return sorted(rows, key=lambda row: row["id"])


def step(name, action):
    try:
        line = {"step": name, "result": normalise(action())}
    except MilvusException as e:
        line = {"step": name, "error": {"code": e.code, "message": re.sub(r"collection=\d+", "collection=<id>",
                                                                          e.message)}}
    except Exception as e:  # a client-side refusal is compared too
        line = {"step": name, "error": {"type": type(e).__name__, "message": str(e)}}
    print(json.dumps(line, sort_keys=True), flush=True)


def vector(r):
    return [r.uniform(-1, 1) for _ in range(DIM)]


def rows(keys, seed):
    r = random.Random(seed)
    return [{"id": k, "n": k * 7, "title": "row %d" % k, "embedding": vector(r), "colour": ["red", "blue"][k % 2]}
            for k in keys]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("uri")
    parser.add_argument("collection")
    parser.add_argument("--user", default="")
    parser.add_argument("--password", default="")
    args = parser.parse_args()
    client = MilvusClient(uri=args.uri, user=args.user, password=args.password)
    name = args.collection
    alias = name + "_alias"
    query_vector = vector(random.Random(7))

    step("get_server_version", lambda: client.get_server_version())
    step("list_databases", lambda: client.list_databases())
    if client.has_collection(name):
        client.drop_collection(name)
    schema = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=True)
    schema.add_field("id", DataType.INT64, is_primary=True)
    schema.add_field("n", DataType.INT64)
    schema.add_field("title", DataType.VARCHAR, max_length=64)
    schema.add_field("embedding", DataType.FLOAT_VECTOR, dim=DIM)
    step("create_collection", lambda: client.create_collection(name, schema=schema, consistency_level="Strong"))
    step("has_collection", lambda: client.has_collection(name))
    step("describe_collection", lambda: client.describe_collection(name))
    step("create_partition", lambda: client.create_partition(name, "p1"))
    step("list_partitions", lambda: sorted(client.list_partitions(name)))
    step("has_partition", lambda: client.has_partition(name, "p1"))
    step("insert", lambda: client.insert(name, rows(range(0, 100), 1)))
    step("insert_partition", lambda: client.insert(name, rows(range(100, 120), 2), partition_name="p1"))
    step("upsert", lambda: client.upsert(name, rows(range(90, 110), 3)))
    step("delete_ids", lambda: client.delete(name, ids=[1, 2, 3]))
    step("delete_filter", lambda: client.delete(name, filter="n >= 700 and n < 735"))
    step("flush", lambda: client.flush(name))
    index = client.prepare_index_params()
    index.add_index(field_name="embedding", index_type="HNSW", metric_type="L2", index_name="embedding_idx",
                    params={"M": 8, "efConstruction": 64})
    step("create_index", lambda: client.create_index(name, index))
    step("list_indexes", lambda: client.list_indexes(name))
    step("describe_index", lambda: {k: v for k, v in client.describe_index(name, "embedding_idx").items()
                                    if k not in PROGRESS})
    step("load_collection", lambda: client.load_collection(name))
    step("get_load_state", lambda: client.get_load_state(name))
    step("delete_filter_loaded", lambda: client.delete(name, filter="n >= 630 and n < 651"))
    step("search", lambda: client.search(name, [query_vector], limit=5, output_fields=["n", "colour"]))
    step("search_filter", lambda: client.search(name, [query_vector], filter="colour == 'red'", limit=5,
                                                output_fields=["title"], search_params={"params": {"ef": 32}}))
    step("hybrid_search", lambda: client.hybrid_search(
        name, [AnnSearchRequest([query_vector], "embedding", {"metric_type": "L2"}, limit=5),
               AnnSearchRequest([query_vector], "embedding", {"metric_type": "L2"}, limit=5, expr="colour == 'blue'")],
        RRFRanker(), limit=5, output_fields=["n"]))
    step("query", lambda: by_key(client.query(name, filter="id < 20", output_fields=["id", "n", "title", "colour"])))
    step("query_partition", lambda: by_key(client.query(name, filter="id >= 0", partition_names=["p1"],
                                                        output_fields=["id", "n"])))
    step("get", lambda: by_key(client.get(name, ids=[0, 4, 95, 105, 999], output_fields=["id", "title"])))
    step("count", lambda: client.query(name, filter="", output_fields=["count(*)"]))
    step("get_collection_stats", lambda: client.get_collection_stats(name))

    def iterate():
        iterator = client.query_iterator(name, batch_size=7, filter="id >= 0", output_fields=["id", "n"])
        seen, batches = [], 0
        while True:
            batch = iterator.next()
            if not batch:
                iterator.close()
                return {"batches": batches, "rows": by_key(seen)}
            batches += 1
            seen.extend(batch)
    step("query_iterator", iterate)

    step("create_alias", lambda: client.create_alias(name, alias))
    step("describe_alias", lambda: client.describe_alias(alias))
    step("list_aliases", lambda: client.list_aliases(name))
    step("query_by_alias", lambda: client.query(alias, filter="id == 0", output_fields=["id", "n"]))
    step("drop_alias", lambda: client.drop_alias(alias))
    step("list_collections", lambda: [c for c in client.list_collections() if c.startswith(name)])
    step("release_collection", lambda: client.release_collection(name))
    step("get_load_state_released", lambda: client.get_load_state(name))
    step("query_released", lambda: client.query(name, filter="id == 0"))
    step("describe_unknown_collection", lambda: client.describe_collection(name + "_missing"))
    step("insert_unknown_collection", lambda: client.insert(name + "_missing", rows([1], 4)))
    step("insert_wrong_dimension", lambda: client.insert(name, [{"id": 1, "n": 1, "title": "x",
                                                                 "embedding": [0.5] * (DIM + 1)}]))
    step("drop_partition_loaded_or_not", lambda: client.drop_partition(name, "p1"))
    step("drop_collection", lambda: client.drop_collection(name))
    step("has_collection_dropped", lambda: client.has_collection(name))

    # Another database: pymilvus names it in the dbname header of every call.
    database = name + "_db"
    if database in client.list_databases():
        client.drop_database(database)
    step("create_database", lambda: client.create_database(database))
    in_database = MilvusClient(uri=args.uri, user=args.user, password=args.password, db_name=database)
    step("create_collection_in_database", lambda: in_database.create_collection("in_db", dimension=DIM))
    step("insert_in_database", lambda: in_database.insert("in_db", [{"id": k, "vector": vector(random.Random(k))}
                                                                    for k in range(5)]))
    step("count_in_database", lambda: in_database.query("in_db", filter="", output_fields=["count(*)"]))
    step("list_collections_in_database", lambda: in_database.list_collections())
    step("list_collections_in_default", lambda: [c for c in client.list_collections() if c == "in_db"])
    step("drop_collection_in_database", lambda: in_database.drop_collection("in_db"))
    in_database.close()
    step("drop_database", lambda: client.drop_database(database))
    if args.user:
        users_and_roles(client, name)
    client.close()


def users_and_roles(client, name):
    user, role = name + "_user", name + "_role"
    step("create_user", lambda: client.create_user(user, "a-password-123"))
    step("list_users", lambda: sorted(u for u in client.list_users() if u in ("root", user)))
    step("create_role", lambda: client.create_role(role))
    step("grant_privilege", lambda: client.grant_privilege(role, "Collection", "Search", "*"))
    step("grant_role", lambda: client.grant_role(user, role))
    step("describe_user", lambda: client.describe_user(user))
    step("describe_role", lambda: client.describe_role(role))
    step("create_user_again", lambda: client.create_user(user, "a-password-123"))
    step("revoke_role", lambda: client.revoke_role(user, role))
    step("revoke_privilege", lambda: client.revoke_privilege(role, "Collection", "Search", "*"))
    step("drop_role", lambda: client.drop_role(role))
    step("drop_user", lambda: client.drop_user(user))


if __name__ == "__main__":
    main()
