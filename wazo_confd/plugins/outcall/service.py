"""Outcall rules beyond plain CRUD: the dial patterns, offered to the outcall_extension plugin."""

from __future__ import annotations

from typing import Any

from wazo_confd.kit.service import CRUDService

from .dao import OutcallDao
from .model import Outcall


class OutcallService(CRUDService):
    dao: OutcallDao

    def lock(self, outcall: Outcall) -> None:
        self.dao.lock(outcall)

    def dial_pattern(self, outcall: Outcall, extension: Any) -> Any | None:
        """The dial pattern leading `extension` to the outcall, or None."""
        return self.dao.dial_pattern(outcall, extension)

    def set_dial_pattern(self, outcall: Outcall, extension: Any, form: dict) -> None:
        self.dao.set_dial_pattern(outcall, extension, form)

    def remove_dial_pattern(self, outcall: Outcall, extension: Any) -> None:
        self.dao.remove_dial_pattern(outcall, extension)
