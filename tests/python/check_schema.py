"""Validates a JSON document against a JSON Schema with the jsonschema library (an
implementation independent of the app). Usage: check_schema.py SCHEMA DOCUMENT.
Exits 0 when the document is valid; otherwise prints each error, with where in the
document it is, and exits 1."""

import json
import sys

import jsonschema


def main(schema_path, document_path):
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    with open(document_path, encoding="utf-8") as f:
        document = json.load(f)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    for error in errors:
        place = "/".join(str(p) for p in error.path) or "(the document)"
        print(f"{place}: {error.message}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
