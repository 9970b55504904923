"""SQL for contexts: search columns, lookups by name within a tenant subtree, references."""

from __future__ import annotations

from wazo_confd import tenancy
from wazo_confd.database.search import SearchConfig
from wazo_confd.kit.dao import CRUDDao
from wazo_confd.kit.references import referring_resource

from .model import Context

SEARCH = SearchConfig(
    columns={
        'id': Context.id,
        'description': Context.description,
        'name': Context.name,
        'label': Context.label,
        'type': Context.type,
    },
    search=['id', 'description', 'name', 'label', 'type'],
    default_sort='id',
)


class ContextDao(CRUDDao[Context]):
    model = Context
    resource_name = 'Context'
    search_config = SEARCH

    def find_in_subtree(self, name: str, tenant_uuid: str) -> Context | None:
        """The context of that name in the tenant or one of its sub-tenants."""
        # Asked by validators: the change under validation must not be flushed yet.
        with self.session.no_autoflush:
            tenants = tenancy.subtree(self.session, tenant_uuid)
        return self.find_by(tenants, name=name)

    def tenant_slug(self, tenant_uuid: str) -> str:
        tenant = tenancy.get(self.session, tenant_uuid)
        return (tenant.slug if tenant is not None else None) or tenancy.slugify('')

    def referring_resource(self, context: Context) -> tuple[str, dict] | None:
        return referring_resource(self.session, Context.__table__.c.name, context.name)
