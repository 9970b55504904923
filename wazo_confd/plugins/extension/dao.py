"""SQL for extensions beyond CRUD: their type, and the extens of a context."""

from __future__ import annotations

from sqlalchemy import case, column, select, table

from wazo_confd.kit.dao import CRUDDao

from .model import Extension

# The context table seen by name only (the contexts plugin is never imported). An
# extension's type follows its context's type at query time, so it never goes stale.
_context = table('context', column('name'), column('type'))
EXTENSION_TYPE = case(
    (select(_context.c.type).where(_context.c.name == Extension.context).scalar_subquery() == 'incall', 'incall'),
    else_='internal',
)


class ExtensionDao(CRUDDao[Extension]):
    def extens_of(self, context: str) -> list[str]:
        """Every exten used in a context."""
        return [e.exten for e in self.session.scalars(self.base_query().where(Extension.context == context))]
