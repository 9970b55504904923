"""Registrar rules beyond plain CRUD: a generated id, and the lookup lines ask for."""

from __future__ import annotations

import uuid

from wazo_confd.kit.service import CRUDService

from .model import Registrar


class RegistrarService(CRUDService):
    def create(self, registrar: Registrar) -> Registrar:
        # As provd does for a config posted without one.
        registrar.id = registrar.id or uuid.uuid4().hex
        return super().create(registrar)

    def find(self, registrar_id: str) -> Registrar | None:
        """The registrar of that id, or None."""
        return self.dao.find_by(id=registrar_id)
