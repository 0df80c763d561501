#!/usr/bin/python3
"""Checks answers the gateway really sent against the OpenAPI document.

Usage: check_answers.py DOCUMENT ANSWERS

ANSWERS has one JSON object per line: {"path": "/entities/{entity}",
"method": "get", "status": 200, "content_type": "application/json",
"body": "<the body as sent>"}. Each body must parse and validate against the
schema the document gives for that operation, status and media type (or
`default`), with $refs resolved in the document: a platform that integrates
from the document alone reads exactly what the gateway sends. Exits 1 listing
every mismatch. jsonschema is Debian's python3-jsonschema, hence
/usr/bin/python3.
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
    resolver = jsonschema.RefResolver.from_schema(document)
    failures = []
    checked = 0
    with open(argv[2], encoding="utf-8") as f:
        for line in f:
            answer = json.loads(line)
            where = "%s %s %s" % (answer["method"].upper(), answer["path"],
                                  answer["status"])
            operation = document["paths"].get(answer["path"], {}).get(
                answer["method"])
            if operation is None:
                failures.append("%s: no such operation" % where)
                continue
            responses = operation["responses"]
            response = responses.get(str(answer["status"]),
                                     responses.get("default"))
            if "$ref" in response:
                response = resolver.resolve(response["$ref"])[1]
            media = response.get("content", {}).get(answer["content_type"])
            if media is None:
                failures.append("%s: %s is not documented" %
                                (where, answer["content_type"]))
                continue
            body = json.loads(answer["body"])
            validator = jsonschema.Draft4Validator(media["schema"],
                                                   resolver=resolver)
            for error in validator.iter_errors(body):
                failures.append("%s at %s: %s" % (
                    where, "/".join(str(p) for p in error.absolute_path),
                    error.message[:300]))
            checked += 1
    for failure in failures:
        print(failure)
    print("%d answers checked, %d mismatches" % (checked, len(failures)))
    return 1 if failures or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
