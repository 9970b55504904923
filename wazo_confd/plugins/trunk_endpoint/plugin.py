"""The trunk-endpoint associations: a trunk and its SIP, IAX or custom endpoint. An
endpoint serves one trunk or one line, never both; a trunk has one endpoint, and an IAX
registration only with an IAX endpoint."""

from __future__ import annotations

from typing import Any

from wazo_confd.errors import resource_associated
from wazo_confd.interfaces import ENDPOINT_CUSTOM, ENDPOINT_IAX, ENDPOINT_SIP, TRUNKS
from wazo_confd.kit.association import Association, AssociationService, check_same_tenant
from wazo_confd.kit.builder import DeclaredPlugin
from wazo_confd.kit.reloads import Reload

KEYS = {'sip': 'uuid', 'iax': 'id', 'custom': 'id'}


class TrunkEndpointService(AssociationService):
    """The trunk row is locked first (kit); the unique endpoint columns stop one endpoint
    serving two trunks."""

    @property
    def kind(self) -> str:
        return self.declaration.endpoint.rsplit('_', 1)[1]  # trunk_endpoint_<kind>

    def linked(self, trunk: Any, endpoint: Any) -> bool:
        return getattr(trunk, f'endpoint_{self.kind}') is endpoint

    def validate_link(self, trunk: Any, endpoint: Any) -> None:
        kind = self.kind
        check_same_tenant(trunk, endpoint, 'trunk', 'endpoint')
        if trunk.endpoint is not None:
            current = trunk.endpoint
            raise resource_associated(
                'Trunk',
                'Endpoint',
                trunk_id=trunk.id,
                endpoint=trunk.protocol,
                endpoint_id=getattr(current, KEYS[trunk.protocol]),
            )
        other = getattr(endpoint, 'trunk', None)
        if other is not None:
            raise resource_associated(
                'Trunk', 'Endpoint', trunk_id=other.id, endpoint=kind, endpoint_id=getattr(endpoint, KEYS[kind])
            )
        line = getattr(endpoint, 'line', None)
        if line is not None:
            # Upstream's text: `trunk_id` is the line's id.
            raise resource_associated(
                'Line', 'Endpoint', trunk_id=line.id, endpoint=kind, endpoint_id=getattr(endpoint, KEYS[kind])
            )
        if kind != 'iax' and trunk.register_iax is not None:
            # Upstream's texts: the SIP check names the registration `register_sip_id`.
            named = 'register_sip_id' if kind == 'sip' else 'register_iax_id'
            raise resource_associated('Trunk', 'IAXRegister', trunk_id=trunk.id, **{named: trunk.register_iax.id})

    def link(self, trunk: Any, endpoint: Any) -> None:
        setattr(trunk, f'endpoint_{self.kind}', endpoint)
        self.lefts.dao.edit(trunk)

    def unlink(self, trunk: Any, endpoint: Any) -> None:
        setattr(trunk, f'endpoint_{self.kind}', None)
        self.lefts.dao.edit(trunk)


def _sip(endpoint: Any) -> dict:
    options = endpoint.auth_section_options or []
    registration = endpoint.registration_section_options or []
    return {
        'uuid': endpoint.uuid,
        'tenant_uuid': endpoint.tenant_uuid,
        'name': endpoint.name,
        'auth_section_options': [[key, value] for key, value in options if key == 'username'],
        'registration_section_options': [[key, value] for key, value in registration if key == 'client_uri'],
    }


PAYLOADS = {
    'sip': _sip,
    'iax': lambda endpoint: {'id': endpoint.id, 'tenant_uuid': endpoint.tenant_uuid, 'name': endpoint.name},
    'custom': lambda endpoint: {
        'id': endpoint.id,
        'tenant_uuid': endpoint.tenant_uuid,
        'interface': endpoint.interface,
    },
}


def _declare(kind: str, var: str, converter: str, label: str, right: Any, reloads: tuple[Reload, ...]) -> Association:
    def payload(trunk: Any, endpoint: Any) -> dict:
        return {
            'trunk': {'id': trunk.id, 'tenant_uuid': trunk.tenant_uuid},
            f'endpoint_{kind}': PAYLOADS[kind](endpoint),
        }

    return Association(
        url=f'/trunks/<int:trunk_id>/endpoints/{kind}/<{converter}:{var}>',
        endpoint=f'trunk_endpoint_{kind}',
        left=TRUNKS,
        right=right,
        label=label,
        service=TrunkEndpointService,
        sides=('trunk', 'endpoint'),
        event=f'trunk_endpoint_{kind}',
        routing=f'config.trunks.{{left.id}}.endpoints.{kind}.{{right.{KEYS[kind]}}}',
        payload=payload,
        reloads=reloads,
    )


ASSOCIATIONS = (
    _declare('sip', 'endpoint_uuid', 'uuid', 'TrunkEndpointSIP', ENDPOINT_SIP, (Reload('module reload res_pjsip.so'),)),
    _declare('iax', 'endpoint_id', 'int', 'TrunkEndpointIAX', ENDPOINT_IAX, (Reload('iax2 reload'),)),
    _declare('custom', 'endpoint_id', 'int', 'TrunkEndpointCustom', ENDPOINT_CUSTOM, ()),
)


class Plugin(DeclaredPlugin):
    associations = ASSOCIATIONS
    requires = ('trunks',)
