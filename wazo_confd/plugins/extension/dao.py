"""SQL for extensions: search columns, and the exten-per-context conflict."""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, column, select, table

from wazo_confd.database.search import SearchConfig
from wazo_confd.kit.dao import CRUDDao

from .model import Extension

# The context table seen by name only (the contexts plugin is never imported). An
# extension's type follows its context's type at query time, so it never goes stale.
_context = table('context', column('name'), column('type'))
EXTENSION_TYPE = case(
    (select(_context.c.type).where(_context.c.name == Extension.context).scalar_subquery() == 'incall', 'incall'),
    else_='internal',
)

SEARCH = SearchConfig(
    columns={'exten': Extension.exten, 'context': Extension.context, 'type': EXTENSION_TYPE},
    search=['exten', 'context', 'type'],
    default_sort='exten',
    tiebreak=Extension.id,
)


class ExtensionDao(CRUDDao[Extension]):
    model = Extension
    empty_on_create = ('lines',)
    resource_name = 'Extension'
    search_config = SEARCH

    def conflict_metadata(self, extension: Extension | None) -> dict[str, Any]:
        if extension is None:
            return {}
        return {'exten': extension.exten, 'context': extension.context}

    def extens_of(self, context: str) -> list[str]:
        """Every exten used in a context."""
        return [e.exten for e in self.session.scalars(self.base_query().where(Extension.context == context))]
