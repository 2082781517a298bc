"""Compares what capture published for a collection with what the source Milvus holds, read with
pymilvus through the test kit's workload.py (its connect() and entities()), per partition, key by key,
field by field. The captured side is a JSON file: {partition: {key: entity}}, dynamic fields merged
into the entity as pymilvus returns them. Exit 1 on any difference; the summary is printed as JSON.

  compare_captured.py --workload WORKLOAD.py --uri URI --collection C --captured FILE
"""
import argparse
import importlib.util
import json
import sys


def load(path):
    spec = importlib.util.spec_from_file_location("workload", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def plain(value):
    """numpy scalars and arrays, as pymilvus may return them, as Python values."""
    return value.tolist() if hasattr(value, "tolist") else str(value)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workload", required=True)
    parser.add_argument("--uri", required=True)
    parser.add_argument("--db", default="default")
    parser.add_argument("--collection", required=True)
    parser.add_argument("--captured", required=True)
    args = parser.parse_args()
    workload = load(args.workload)
    with open(args.captured) as f:
        captured = {p: {int(k): v for k, v in rows.items()} for p, rows in json.load(f).items()}
    client = workload.connect(args.uri, args.db)
    differences = []
    summary = {"partitions": {}}
    for partition in sorted(set(client.list_partitions(args.collection)) | set(captured)):
        source, _ = workload.entities(client, args.collection, partition)
        source = json.loads(json.dumps(source, default=plain))
        source = {int(k): v for k, v in source.items()}
        actual = captured.get(partition, {})
        summary["partitions"][partition] = {"source_keys": len(source), "captured_keys": len(actual)}
        for key in sorted(set(source) - set(actual)):
            differences.append("%s: key %d not captured" % (partition, key))
        for key in sorted(set(actual) - set(source)):
            differences.append("%s: key %d captured but not on the source" % (partition, key))
        for key in sorted(set(source) & set(actual)):
            fields = sorted(f for f in set(source[key]) | set(actual[key]) if source[key].get(f) != actual[key].get(f))
            if fields:
                differences.append("%s: key %d differs in %s: source %s, captured %s" % (
                    partition, key, ", ".join(fields), {f: source[key].get(f) for f in fields},
                    {f: actual[key].get(f) for f in fields}))
    summary["difference_count"] = len(differences)
    summary["differences"] = differences[:20]
    print(json.dumps(summary))
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
