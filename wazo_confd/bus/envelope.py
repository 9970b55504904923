"""Wazo event envelope: the AMQP headers and the JSON body consumers of upstream expect."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

EVENT_ID_HEADER = 'event_id'


def escape_routing_value(value: Any) -> str:
    return str(value).replace('.', '__DOT__').replace('#', '__HASH__').replace('*', '__STAR__')


@dataclass
class Event:
    """One bus event. `family` is the upstream header family: tenant, user, multi_user or service."""

    name: str
    routing_key: str
    data: Any
    family: str = 'tenant'
    tenant_uuid: str | None = None
    user_uuids: list[str] = field(default_factory=list)
    extra_headers: dict[str, Any] = field(default_factory=dict)

    def headers(self, origin_uuid: str | None) -> dict[str, Any]:
        headers: dict[str, Any] = dict(self.extra_headers)
        if self.family in ('tenant', 'user', 'multi_user'):
            headers['tenant_uuid'] = self.tenant_uuid
        if self.family == 'tenant':
            headers['user_uuid:*'] = True
        elif self.family in ('user', 'multi_user'):
            for user_uuid in self.user_uuids:
                headers[f'user_uuid:{user_uuid}'] = True
        headers['required_access'] = f'event.{self.name}'
        headers['required_acl'] = f'events.{self.routing_key}'
        headers['name'] = self.name
        headers['origin_uuid'] = origin_uuid
        headers['timestamp'] = datetime.now().isoformat()
        return headers


def marshal(event: Event, origin_uuid: str | None) -> tuple[str, dict, dict]:
    """The event id, the AMQP headers (with the event id) and the JSON body of an event."""
    event_id = str(uuid.uuid4())
    headers = event.headers(origin_uuid)
    body = dict(headers)
    body['data'] = event.data
    headers[EVENT_ID_HEADER] = event_id
    return event_id, headers, body
