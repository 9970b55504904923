"""SIP transport rules: a deletion may move the transport's users to a fallback transport."""

from __future__ import annotations

from wazo_confd.kit.service import CRUDService

from .dao import TransportDao
from .model import Transport


class TransportService(CRUDService):
    dao: TransportDao

    def delete_with_fallback(self, transport: Transport, fallback: Transport | None) -> None:
        if fallback is None:
            self.validator.validate_delete(transport)
        self.dao.delete_with_fallback(transport, fallback)
        self.notifier.deleted(transport)
