"""SQL for SIP transports: global rows, so every lookup ignores the tenants."""

from __future__ import annotations

from typing import Any

from wazo_confd.database.search import SearchConfig
from wazo_confd.kit.dao import CRUDDao
from wazo_confd.kit.references import move_references, referring_resource

from .model import Transport

SEARCH = SearchConfig(
    columns={'uuid': Transport.uuid, 'name': Transport.name},
    search=['uuid', 'name'],
    default_sort='name',
    tiebreak=Transport.uuid,
)


class TransportDao(CRUDDao[Transport]):
    model = Transport
    resource_name = 'Transport'
    search_config = SEARCH
    id_column = 'uuid'
    tenant_scoped = False

    def conflict_metadata(self, obj: Transport | None) -> dict[str, Any]:
        return {'name': obj.name} if obj is not None else {}

    def user(self, transport: Transport) -> tuple[str, dict] | None:
        """A SIP endpoint or template using the transport (found from the foreign keys)."""
        return referring_resource(self.session, Transport.__table__.c.uuid, transport.uuid)

    def delete_with_fallback(self, transport: Transport, fallback: Transport | None) -> None:
        if fallback is not None:
            move_references(self.session, Transport.__table__.c.uuid, transport.uuid, fallback.uuid)
        self.delete(transport)
