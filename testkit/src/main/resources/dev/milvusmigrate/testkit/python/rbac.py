"""Roles, privileges and users as an administrator sets them up with pymilvus, and read back.

  setup   in database --db: collection 'items' (a few rows, indexed, loaded); roles reader
          (Search on items, Query on every collection) and writer (Insert on items,
          CreateCollection); users --users NAME:ROLE+ROLE,... with --password
  user    creates user --name with --password and no roles (an account that already exists)
  dump    one JSON line: the roles other than admin and public, every role's grants in --db
          (database renamed to DB), and each user's roles, sorted
  search  as --user, with its password from --password-file (user<TAB>password lines, as
          milvus-migrate writes them; never on the command line): a search and a query on
          --db.items; prints {"ok": hits, "rows": rows} or the error
"""
import argparse
import json
import random

from pymilvus import DataType, MilvusClient

DIM = 8
BUILT_IN = {"admin", "public"}


def client(args, database=None, token=None):
    return MilvusClient(uri=args.uri, token=token or args.token, db_name=database or "default")


def setup(args):
    admin = client(args)
    if args.db not in admin.list_databases():
        admin.create_database(args.db)
    shop = client(args, args.db)
    schema = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
    schema.add_field("id", DataType.INT64, is_primary=True)
    schema.add_field("embedding", DataType.FLOAT_VECTOR, dim=DIM)
    index = shop.prepare_index_params()
    index.add_index("embedding", index_type="AUTOINDEX", metric_type="L2")
    shop.create_collection("items", schema=schema, index_params=index)
    r = random.Random(7)
    shop.insert("items", [{"id": key, "embedding": [r.uniform(-1, 1) for _ in range(DIM)]} for key in range(30)])
    shop.flush("items")
    shop.load_collection("items")
    for role in ("reader", "writer"):
        if role not in admin.list_roles():
            admin.create_role(role)
    shop.grant_privilege("reader", "Collection", "Search", "items")
    shop.grant_privilege("reader", "Collection", "Query", "*")
    shop.grant_privilege("writer", "Collection", "Insert", "items")
    shop.grant_privilege("writer", "Global", "CreateCollection", "*")
    for spec in args.users.split(","):
        name, roles = spec.split(":")
        admin.create_user(name, args.password)
        for role in roles.split("+"):
            admin.grant_role(name, role)


def user(args):
    client(args).create_user(args.name, args.password)


def dump(args):
    admin = client(args)
    shop = client(args, args.db)
    grants = []
    for role in admin.list_roles():
        for grant in shop.describe_role(role)["privileges"]:
            if grant["db_name"] == args.db:
                grants.append([role, grant["object_type"], grant["object_name"], grant["privilege"], "DB"])
    users = {name: sorted(admin.describe_user(name)["roles"]) for name in admin.list_users()}
    print(json.dumps({"roles": sorted(set(admin.list_roles()) - BUILT_IN), "grants": sorted(grants),
                      "users": users}, sort_keys=True))


def search(args):
    with open(args.password_file, encoding="utf-8") as lines:
        password = dict(line.rstrip("\n").split("\t", 1) for line in lines)[args.user]
    shop = MilvusClient(uri=args.uri, user=args.user, password=password, db_name=args.db)
    try:
        hits = shop.search("items", data=[[0.1] * DIM], limit=3)
        rows = shop.query("items", filter="id < 5", output_fields=["id"])
        print(json.dumps({"ok": len(hits[0]), "rows": len(rows)}))
    except Exception as error:  # the refusal is the result
        print(json.dumps({"error": str(error)}))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["setup", "user", "dump", "search"])
    parser.add_argument("--uri", required=True)
    parser.add_argument("--token", default="root:Milvus")
    parser.add_argument("--db", default="default")
    parser.add_argument("--users", default="")
    parser.add_argument("--name")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--password-file")
    args = parser.parse_args()
    {"setup": setup, "user": user, "dump": dump, "search": search}[args.command](args)


if __name__ == "__main__":
    main()
