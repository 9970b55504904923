"""Builders of trunks, IAX endpoints and registrations."""

from __future__ import annotations

from typing import Any

from .lines import created, unique


def trunk(client: Any, **fields: Any) -> dict:
    return created(client.post('/trunks', json=fields))


def iax(client: Any, **fields: Any) -> dict:
    return created(client.post('/endpoints/iax', json=fields))


def register(client: Any, **fields: Any) -> dict:
    return created(client.post('/registers/iax', json={'remote_host': unique('iax'), **fields}))
