"""Builders and event readers shared by the line and endpoint tests."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import text

from .database import Rows
from .events import Events as Events


def unique(name: str) -> str:
    return f'{name}-{uuid.uuid4().hex[:8]}'


def created(response: Any) -> dict:
    assert response.status_code == 201, response.text
    return response.json()


def sip(client: Any, **fields: Any) -> dict:
    return created(client.post('/endpoints/sip', json={'label': unique('sip'), **fields}))


def sccp(client: Any, **fields: Any) -> dict:
    return created(client.post('/endpoints/sccp', json=fields))


def custom(client: Any, **fields: Any) -> dict:
    return created(client.post('/endpoints/custom', json={'interface': unique('custom/i'), **fields}))


def context(client: Any) -> str:
    """The name of a new context of the client's tenant (names are generated)."""
    return created(client.post('/contexts', json={'label': unique('ctx')}))['name']


def line(client: Any, **fields: Any) -> dict:
    if 'context' not in fields:
        fields['context'] = context(client)
    return created(client.post('/lines', json=fields))


def user(client: Any, **fields: Any) -> dict:
    return created(client.post('/users', json={'firstname': unique('first'), **fields}))


def sip_line(client: Any) -> tuple[dict, dict]:
    """A line with a SIP endpoint, ready for users."""
    new_line, endpoint = line(client), sip(client)
    response = client.put(f'/lines/{new_line["id"]}/endpoints/sip/{endpoint["uuid"]}')
    assert response.status_code == 204, response.text
    return new_line, endpoint


def add_sub_tenant(rows: Rows, parent_uuid: str) -> str:
    """A tenant under `parent_uuid` (what the auth service's tenant events would create)."""
    child = str(uuid.uuid4())
    with rows.engine.begin() as connection:
        connection.execute(
            text("INSERT INTO tenant (uuid, name, slug, parent_uuid, created_at) VALUES (:u, 'sub', 'sub', :p, :now)"),
            {'u': child, 'p': parent_uuid, 'now': '2026-01-01 00:00:00'},
        )
    return child
