"""SQL for SIP transports: global rows, so every lookup ignores the tenants."""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect

from wazo_confd.kit.dao import CRUDDao
from wazo_confd.kit.references import move_references, referring_resource

from .model import Transport

# The column the endpoints' foreign keys name.
_UUID = inspect(Transport).columns['uuid']


class TransportDao(CRUDDao[Transport]):
    """Lookups ignore the tenants (set by the declaration: scope `global`)."""

    def conflict_metadata(self, obj: Transport | None) -> dict[str, Any]:
        return {'name': obj.name} if obj is not None else {}

    def user(self, transport: Transport) -> tuple[str, dict] | None:
        """A SIP endpoint or template using the transport (found from the foreign keys)."""
        return referring_resource(self.session, _UUID, transport.uuid)

    def delete_with_fallback(self, transport: Transport, fallback: Transport | None) -> None:
        if fallback is not None:
            move_references(self.session, _UUID, transport.uuid, fallback.uuid)
        self.delete(transport)
