"""SQL for SIP endpoints and templates: each dao sees only its own kind of row."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from wazo_confd.database.base import Base
from wazo_confd.database.search import SearchConfig, SearchParams, run_search, storable
from wazo_confd.kit.dao import CRUDDao
from wazo_confd.tenancy import Tenant

from .model import EndpointSIP, EndpointSIPTemplateLink, SIPTemplateDefault

SEARCH = SearchConfig(
    columns={
        'name': EndpointSIP.name,
        'asterisk_id': EndpointSIP.asterisk_id,
        'label': EndpointSIP.label,
        'template': EndpointSIP.template,
    },
    search=['name', 'asterisk_id', 'label'],
    default_sort='label',
    tiebreak=EndpointSIP.uuid,
)


class EndpointSIPDao(CRUDDao[EndpointSIP]):
    model = EndpointSIP
    empty_on_create = ('line',)
    resource_name = 'SIPEndpoint'
    search_config = SEARCH
    id_column = 'uuid'
    template = False

    def base_query(self) -> Select:
        # The rows' template links in one statement per page (not one per row); the
        # parents come joined, their own relations (links, line, trunk) only when something
        # reads them.
        return (
            select(EndpointSIP)
            .where(EndpointSIP.template.is_(self.template))
            .options(selectinload(EndpointSIP.template_links).joinedload(EndpointSIPTemplateLink.parent).lazyload('*'))
        )

    def search_uuids(
        self, params: SearchParams, tenant_uuids: list[str] | None, uuids: list[str] | None
    ) -> tuple[int, list[EndpointSIP]]:
        query = self.scoped(self.base_query(), tenant_uuids)
        if uuids is not None:
            query = query.where(EndpointSIP.uuid.in_([u for u in uuids if storable(u)]))
        return run_search(self.session, query, self.search_config, params)

    def find_any_by_name(self, name: str) -> EndpointSIP | None:
        """An endpoint or a template with this name: they share Asterisk's section names."""
        return self.find_any_by(name=name)

    def find_transport(self, **criteria: Any) -> Any:
        """A row of the transports table (the pjsip plugin's): read through the metadata,
        since a plugin imports no other and the defaults are made before that plugin loads."""
        table = Base.metadata.tables['pjsip_transport']
        query = select(table).filter_by(**criteria).limit(1)
        with self.session.no_autoflush:
            return self.session.execute(query).first()


class SIPTemplateDao(EndpointSIPDao):
    resource_name = 'SIPEndpointTemplate'
    template = True

    def defaults_of(self, tenant_uuid: str) -> dict[str, str]:
        rows = self.session.scalars(select(SIPTemplateDefault).where(SIPTemplateDefault.tenant_uuid == tenant_uuid))
        return {row.kind: row.template_uuid for row in rows}

    def tenants_without_defaults(self) -> list[str]:
        has_defaults = select(SIPTemplateDefault.tenant_uuid)
        return list(self.session.scalars(select(Tenant.uuid).where(Tenant.uuid.not_in(has_defaults))))

    def add_default(self, tenant_uuid: str, kind: str, template: EndpointSIP) -> None:
        self.session.add(SIPTemplateDefault(tenant_uuid=tenant_uuid, kind=kind, template_uuid=template.uuid))
