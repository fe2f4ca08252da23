#!/usr/bin/env python3
"""tests/schema_validate.py SCHEMA [JSON]: validates a JSON document (a file,
or standard input) against a JSON Schema (Draft 2020-12) with python3-jsonschema;
prints each violation with its path and exits 1, or exits 0. Exit 77 when
jsonschema is not installed (the shell test then skips)."""
import json
import sys

try:
    import jsonschema
except ImportError:
    sys.exit(77)

with open(sys.argv[1]) as f:
    schema = json.load(f)
doc = json.load(open(sys.argv[2]) if len(sys.argv) > 2 else sys.stdin)
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
errors = sorted(cls(schema).iter_errors(doc), key=lambda e: list(e.path))
for e in errors:
    print("%s: %s" % ("/".join(str(p) for p in e.path) or "(root)", e.message))
sys.exit(1 if errors else 0)
