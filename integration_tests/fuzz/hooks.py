"""Schemathesis hooks for fuzzing wazo-confd (loaded by the schemathesis CLI, not by pytest).

Uniqueness across requests cannot be written in JSON Schema, so the generated OpenAPI
document marks such properties `x-unique: true`. Generated "valid" bodies reuse small values
(`0@0.com`, `00`) again and again; the second one is rightly refused as already existing,
which the positive-data check would report. Before each request, every x-unique string that
fits its pattern and length gets a fresh prefix, kept only if the value still fits them.
"""

from __future__ import annotations

import itertools
import re
import string
import threading
from typing import Any

import schemathesis
from hypothesis.internal import lambda_sources

# CPython 3.11's ast.parse is not safe in concurrent threads, and hypothesis parses lambda
# sources to name its strategies: with several workers it fails with "AST constructor
# recursion depth mismatch". One at a time, then.
_describe = lambda_sources.lambda_description
_describe_lock = threading.Lock()


def _locked_description(f: Any) -> str:
    with _describe_lock:
        return _describe(f)


lambda_sources.lambda_description = _locked_description

_counter = itertools.count(1)
_ALPHABET = string.ascii_lowercase
_EMAIL = re.compile(r'^[^@\s]+@[^@\s]+$')


def _token() -> str:
    number, digits = next(_counter), []
    while number:
        number, rest = divmod(number, len(_ALPHABET))
        digits.append(_ALPHABET[rest])
    return 'u' + ''.join(reversed(digits)) + 'z'


def _unique_properties(raw_schema: dict) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for schema in raw_schema.get('components', {}).get('schemas', {}).values():
        for name, prop in schema.get('properties', {}).items():
            if prop.get('x-unique'):
                found[name] = prop
    return found


def _fits(value: str, prop: dict) -> bool:
    if 'maxLength' in prop and len(value) > prop['maxLength']:
        return False
    if prop.get('format') == 'email' and not _EMAIL.match(value):
        return False
    pattern = prop.get('pattern')
    return pattern is None or re.search(pattern, value) is not None


def _salted(value: str, prop: dict) -> str:
    token = _token()
    # Prepend; when that is too long, overwrite the start, then the end.
    for candidate in (token + value, token + value[len(token) :], value[: -len(token)] + token):
        if _fits(candidate, prop):
            return candidate
    return value


@schemathesis.hook
def before_call(context: Any, case: Any, kwargs: dict) -> None:
    if not isinstance(case.body, dict):
        return
    body = dict(case.body)  # cases of a stateful run may share one body: never salt it twice
    for name, prop in _unique_properties(case.operation.schema.raw_schema).items():
        value = body.get(name)
        # A value that breaks its own schema is the point of a negative case: keep it.
        if isinstance(value, str) and value and _fits(value, prop):
            body[name] = _salted(value, prop)
    case.body = body
