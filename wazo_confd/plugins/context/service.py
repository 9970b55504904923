"""Context rules beyond plain CRUD: the generated name, lookups offered to other plugins."""

from __future__ import annotations

import re

from wazo_confd.database.base import new_uuid
from wazo_confd.kit.service import CRUDService

from .dao import ContextDao
from .model import Context


def _slug(text: str, length: int) -> str:
    return re.sub(r'[^a-zA-Z0-9_]', '', text)[:length]


class ContextService(CRUDService):
    dao: ContextDao

    def create(self, context: Context) -> Context:
        context.uuid = context.uuid or new_uuid()
        # Unique through the uuid; the tenant slug and label keep it readable in the dialplan.
        label = _slug(context.label, 20)
        parts = ['ctx', self.dao.tenant_slug(context.tenant_uuid)] + ([label] if label else []) + [context.uuid]
        context.name = '-'.join(parts)
        return super().create(context)

    def find_in_subtree(self, name: str, tenant_uuid: str) -> Context | None:
        """The context named `name` among the tenant and its sub-tenants (None if absent)."""
        return self.dao.find_in_subtree(name, tenant_uuid)

    def find_by_name(self, name: str) -> Context | None:
        return self.dao.find_by(name=name)
