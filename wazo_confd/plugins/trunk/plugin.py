"""The trunks plugin: /trunks, the `trunk` shown by endpoints and IAX registrations, and
the check that keeps a trunk's endpoint from serving a line."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Text, cast, column, delete, func, null, select, table
from sqlalchemy.orm import Session

from wazo_confd.errors import resource_associated
from wazo_confd.interfaces import TRUNK_ENDPOINT_OWNERS, TRUNKS
from wazo_confd.kit.builder import Built, DeclaredPlugin
from wazo_confd.kit.context_tenant import ContextTenant
from wazo_confd.kit.contributions import contributions
from wazo_confd.kit.declaration import Events, Resource, search_on
from wazo_confd.kit.projections import one, trunk_using
from wazo_confd.kit.reloads import Change, Reload, reload_on_tenant_deletion
from wazo_confd.kit.service import CRUDService
from wazo_confd.plugin_api import PluginDependencies

from .model import Trunk
from .schema import TrunkIdRelation, TrunkSchema
from .validator import build_validator

# The endpoints' tables, read by the list's search (their plugins are not imported).
_sip = table('endpoint_sip', column('uuid'), column('name'), column('label'))
_iax = table('endpoint_iax', column('id'), column('name'))
_custom = table('endpoint_custom', column('id'), column('interface'))
_register_iax = table('register_iax', column('id'))


def _endpoint_name() -> Any:
    return func.coalesce(
        select(_sip.c.name).where(_sip.c.uuid == Trunk.endpoint_sip_uuid).scalar_subquery(),
        select(_iax.c.name).where(_iax.c.id == Trunk.endpoint_iax_id).scalar_subquery(),
        select(_custom.c.interface).where(_custom.c.id == Trunk.endpoint_custom_id).scalar_subquery(),
    )


class TrunkService(CRUDService):
    def lock(self, trunk: Trunk) -> None:
        self.dao.lock(trunk)

    def check_edit(self, trunk: Trunk, form: dict, tenant_uuid: str) -> None:
        """A context the request sees (from its selected tenant), of another tenant than the
        trunk's, is `different tenants`, as upstream answers (the validator only looks in the
        trunk's own tenant and below, where it is not: `Context was not found`). A trunk
        keeps its own tenant on create: only the edit rule of the kit applies."""
        ContextTenant(self.providers, side='trunk').check_edit(trunk, form, tenant_uuid)

    def delete(self, trunk: Trunk) -> None:
        """As upstream, a trunk takes its endpoint and its IAX registration with it: their
        rows go, with no event or reload of their own (the trunk's tell it)."""
        owned = [obj for obj in (trunk.endpoint, trunk.register_iax) if obj is not None]
        super().delete(trunk)
        for obj in owned:
            self.dao.session.delete(obj)
        self.dao.session.flush()


class EndpointOwners:
    """What the line-endpoint associations ask: an endpoint a trunk uses serves no line."""

    def validate_free_for_line(self, kind: str, endpoint: Any) -> None:
        trunk = trunk_using(endpoint)
        if trunk is not None:
            key = {'endpoint_uuid': endpoint.uuid} if kind == 'sip' else {'endpoint_id': endpoint.id}
            raise resource_associated('Trunk', 'Endpoint', trunk_id=trunk.id, endpoint=kind, **key)


def _reloads_when(change: Change, kind: str) -> bool:
    return getattr(change.obj, f'endpoint_{kind}_{"uuid" if kind == "sip" else "id"}') is not None


TRUNKS_RESOURCE = Resource(
    model=Trunk,
    schema=TrunkSchema,
    url='/trunks',
    endpoints=('trunklist', 'trunks'),
    search=search_on(
        Trunk,
        'id',
        'context',
        'outgoing_caller_id_format',
        default_sort='id',
        # Upstream searches and orders on a description no route writes: always empty.
        description=cast(null(), Text),
        name=_endpoint_name(),
        label=select(_sip.c.label).where(_sip.c.uuid == Trunk.endpoint_sip_uuid).scalar_subquery(),
    ),
    events=Events('trunk', 'config.trunk'),
    reloads=(
        Reload('module reload res_pjsip.so', on=('edited', 'deleted'), when=lambda c: _reloads_when(c, 'sip')),
        Reload('iax2 reload', on=('edited', 'deleted'), when=lambda c: _reloads_when(c, 'iax')),
    ),
    validators=build_validator,
    empty_on_create=('endpoint_sip', 'endpoint_iax', 'endpoint_custom', 'register_iax'),
    service=TrunkService,
    provides=TRUNKS,
    example={'context': 'ctx', 'twilio_incoming': False, 'outgoing_caller_id_format': 'E164'},
    update_example={'outgoing_caller_id_format': 'national'},
    example_refs={'context': ('/contexts', 'name')},
)


def forget_registrations(session: Session, tenant_uuids: list[str]) -> None:
    """A deleted tenant's trunks take their IAX registrations with them, as deleting each
    trunk does: the registrations belong to no tenant, so no cascade removes them."""
    used = select(Trunk.register_iax_id).where(Trunk.tenant_uuid.in_(tenant_uuids), Trunk.register_iax_id.is_not(None))
    session.execute(delete(_register_iax).where(_register_iax.c.id.in_(used)))


class Plugin(DeclaredPlugin):
    resources = (TRUNKS_RESOURCE,)

    def loaded(self, built: Built, deps: PluginDependencies) -> None:
        registry = contributions(deps.providers)
        for resource in ('endpoint_sip', 'endpoint_iax', 'endpoint_custom', 'register_iax'):
            registry.contribute(resource, 'trunk', one(TrunkIdRelation), get=trunk_using)
        deps.providers.register(TRUNK_ENDPOINT_OWNERS, EndpointOwners())
        # A deleted tenant's trunks go with it: Asterisk reloads as for each trunk deleted.
        reload_on_tenant_deletion(deps, Trunk, TRUNKS_RESOURCE.reloads)
        deps.database.on_tenant_deleted(forget_registrations)
