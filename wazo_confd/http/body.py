"""Request body parsing: any content type; a body that is no JSON document (empty, malformed,
not UTF-8) is a bad request, a null body is `{}`, duplicate keys are refused."""

from __future__ import annotations

import json
from typing import Any

from flask import request

from wazo_confd.errors import BareInputError, InputError

MAX_DEPTH = 32
# Flask's answer to a body it cannot decode, as upstream gives it: before any validation.
BAD_REQUEST = 'The browser (or proxy) sent a request that this server could not understand.'


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
    try:
        data = json.loads(raw.decode('utf-8'), object_pairs_hook=_no_duplicates)
    except RecursionError as e:
        raise InputError('request body is nested too deeply') from e
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise BareInputError(BAD_REQUEST) from e
    except ValueError as e:  # valid JSON Python will not read: an integer of 4300+ digits
        raise InputError(f'request body cannot be read: {e}') from e
    if _depth(data) > MAX_DEPTH:
        raise InputError('request body is nested too deeply')
    return {} if data is None else data
