"""Builders and event readers shared by the telephony tests (contexts, extensions, voicemails);
the events come from RabbitMQ (`Events`)."""

from __future__ import annotations

import uuid
from typing import Any

from .database import Rows
from .events import Events as Events

USER_RANGE = {'start': '1000', 'end': '1999'}


def unique(name: str) -> str:
    return f'{name}-{uuid.uuid4().hex[:8]}'


def number() -> str:
    """A voicemail number unlikely to collide across tests sharing a database."""
    return str(uuid.uuid4().int)[:12]


def create(client: Any, path: str, body: dict) -> dict:
    response = client.post(path, json=body)
    assert response.status_code == 201, response.text
    return response.json()


def create_context(client: Any, **fields: Any) -> dict:
    return create(client, '/contexts', {'label': unique('ctx'), 'user_ranges': [USER_RANGE], **fields})


def create_user(client: Any) -> dict:
    return create(client, '/users', {'firstname': unique('user')})


def create_voicemail(client: Any, context: dict, **fields: Any) -> dict:
    return create(
        client, '/voicemails', {'name': unique('vm'), 'number': number(), 'context': context['name'], **fields}
    )


def events(sent: Events, name: str) -> list[dict]:
    """The events of that name received since `sent` was made, oldest first."""
    return sent.named(name)


def events_with(sent: Events, name: str, **data: Any) -> list[dict]:
    return sent.named(name, **data)


def sub_tenant(rows: Rows, parent_uuid: str) -> str:
    """A sub-tenant of `parent_uuid`, written as the auth service's tenant event would."""
    tenant_uuid = str(uuid.uuid4())
    with rows.engine.begin() as connection:
        connection.exec_driver_sql(
            'INSERT INTO tenant (uuid, name, slug, parent_uuid, created_at) VALUES (%s, %s, %s, %s, CURRENT_TIMESTAMP)'
            if rows.engine.dialect.name == 'postgresql'
            else 'INSERT INTO tenant (uuid, name, slug, parent_uuid, created_at) VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)',
            (tenant_uuid, 'sub', 'sub', parent_uuid),
        )
    return tenant_uuid


def bind_extension(rows: Rows, extension_id: int, owner_type: str) -> None:
    """Mark an extension as bound, as an association plugin (line, group...) does."""
    with rows.engine.begin() as connection:
        connection.exec_driver_sql(f"UPDATE extension SET owner_type = '{owner_type}' WHERE id = {int(extension_id)}")
