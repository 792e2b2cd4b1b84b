#!/usr/bin/python3
"""Validates a JSON document against one of the bundled schemas.

usage: validate_json.py sarif|cyclonedx DOCUMENT.json
Exit 0 valid, 1 invalid (errors printed), 3 jsonschema module missing.
"""
import json
import os
import sys

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is not installed", file=sys.stderr)
    sys.exit(3)

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schemas")
SCHEMAS = {"sarif": "sarif-schema-2.1.0.json", "cyclonedx": "bom-1.6.schema.json"}


def load(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return json.load(f)


def main():
    kind, path = sys.argv[1], sys.argv[2]
    schema = load(SCHEMAS[kind])
    store = {}
    for name in ("spdx.schema.json", "jsf-0.82.schema.json", "bom-1.6.schema.json"):
        s = load(name)
        store[name] = s
        if "$id" in s:
            store[s["$id"]] = s
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    resolver = jsonschema.RefResolver.from_schema(schema, store=store)
    cls = jsonschema.validators.validator_for(schema)
    errors = sorted(cls(schema, resolver=resolver).iter_errors(doc), key=lambda e: list(e.path))
    for e in errors[:20]:
        print("%s: %s" % ("/".join(str(p) for p in e.path), e.message), file=sys.stderr)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
