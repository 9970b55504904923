"""SQL for SIP endpoints and templates: each dao sees only its own kind of row."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Any

from sqlalchemy import Select, select

from wazo_confd.database.base import Base
from wazo_confd.kit.dao import CRUDDao
from wazo_confd.tenancy import Tenant

from .model import EndpointSIP, SIPTemplateDefault


class EndpointSIPDao(CRUDDao[EndpointSIP]):
    model = EndpointSIP
    template = False

    def base_query(self) -> Select:
        # The model loads the rows' template links in one statement per page (not one per
        # row), their parents joined, and the parents' own links likewise: inherited options
        # are read through them.
        return select(EndpointSIP).where(EndpointSIP.template.is_(self.template))

    def template_of(self, tenant_uuid: str, uuid: str) -> EndpointSIP | None:
        """The template of that uuid in that tenant, or None."""
        return self.templates.find_by([tenant_uuid], uuid=uuid)

    @cached_property
    def templates(self) -> SIPTemplateDao:
        return SIPTemplateDao(self.database)

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
    template = True

    @property
    def templates(self) -> SIPTemplateDao:
        return self

    def defaults_of(self, tenant_uuid: str) -> dict[str, str]:
        rows = self.session.scalars(select(SIPTemplateDefault).where(SIPTemplateDefault.tenant_uuid == tenant_uuid))
        return {row.kind: row.template_uuid for row in rows}

    def defaults_of_tenants(self, tenant_uuids: Sequence[str]) -> dict[str, dict[str, str]]:
        """The default templates of several tenants in one statement (a page of /tenants)."""
        found: dict[str, dict[str, str]] = {uuid: {} for uuid in tenant_uuids}
        query = select(SIPTemplateDefault).where(SIPTemplateDefault.tenant_uuid.in_(list(tenant_uuids)))
        for row in self.session.scalars(query):
            found[row.tenant_uuid][row.kind] = row.template_uuid
        return found

    def tenants_without_defaults(self) -> list[str]:
        has_defaults = select(SIPTemplateDefault.tenant_uuid)
        return list(self.session.scalars(select(Tenant.uuid).where(Tenant.uuid.not_in(has_defaults))))

    def add_default(self, tenant_uuid: str, kind: str, template: EndpointSIP) -> None:
        self.session.add(SIPTemplateDefault(tenant_uuid=tenant_uuid, kind=kind, template_uuid=template.uuid))
