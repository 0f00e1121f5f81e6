"""The JSON Schema of the output contract, shipped with the package."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

import jsonschema

from extractor.errors import SchemaViolationError

SCHEMA_ID = "budget-tables/1"


@lru_cache(maxsize=1)
def contract_schema() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("budget-tables-1.json").read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(contract_schema())


def contract_errors(document: dict[str, Any]) -> list[str]:
    """Every way ``document`` departs from the contract, as readable messages."""
    return [
        f"{'/'.join(str(p) for p in err.absolute_path) or '<root>'}: {err.message}"
        for err in sorted(_validator().iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
    ]


def validate_contract(document: dict[str, Any]) -> None:
    errors = contract_errors(document)
    if errors:
        raise SchemaViolationError("result violates budget-tables/1: " + "; ".join(errors[:5]))
