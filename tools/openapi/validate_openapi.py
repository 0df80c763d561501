#!/usr/bin/python3
"""Validates the OpenAPI document against the OpenAPI 3.0 JSON schema.

Usage: validate_openapi.py DOCUMENT SCHEMA

SCHEMA is Debian's openapi-specification copy
(/usr/share/openapi-specification/schemas/v3.0/schema.json); jsonschema is
Debian's python3-jsonschema, hence /usr/bin/python3. Exits 1 listing every
error, so a document that is not OpenAPI 3.0 fails the test.
"""

import json
import sys

import jsonschema


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        document = json.load(f)
    with open(argv[2], encoding="utf-8") as f:
        schema = json.load(f)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    for error in errors:
        where = "/".join(str(p) for p in error.path)
        print(f"{argv[1]}: /{where}: {error.message}", file=sys.stderr)
    if errors:
        return 1
    if document.get("openapi") != "3.0.3":
        print(f"{argv[1]}: openapi is {document.get('openapi')!r}, not 3.0.3",
              file=sys.stderr)
        return 1
    print(f"{argv[1]}: valid OpenAPI {document['openapi']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
