"""Request body parsing: any content type, a null or empty body is `{}`, duplicate keys refused."""

from __future__ import annotations

import json
from typing import Any

from flask import request

from wazo_confd.errors import InputError

MAX_DEPTH = 32


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise InputError(f"duplicate key in JSON body: '{key}'")
        result[key] = value
    return result


def _depth(value: Any, level: int = 0) -> int:
    if level > MAX_DEPTH:
        return level
    if isinstance(value, dict):
        return max((_depth(v, level + 1) for v in value.values()), default=level + 1)
    if isinstance(value, list):
        return max((_depth(v, level + 1) for v in value), default=level + 1)
    return level


def json_body() -> Any:
    raw = request.get_data(cache=True)
    if not raw or not raw.strip():
        return {}
    try:
        text = raw.decode('utf-8')
    except UnicodeDecodeError as e:
        raise InputError('request body is not valid UTF-8') from e
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates)
    except RecursionError as e:
        raise InputError('request body is nested too deeply') from e
    except ValueError as e:
        if isinstance(e, json.JSONDecodeError):
            raise InputError(f'malformed JSON body: {e.msg} at position {e.pos}') from e
        raise
    if _depth(data) > MAX_DEPTH:
        raise InputError('request body is nested too deeply')
    return {} if data is None else data
