"""The line-endpoint associations: a line and its SIP, SCCP or custom endpoint. Lines and
endpoints come from their plugins' providers, looked up at request time."""

from __future__ import annotations

from typing import Any

from wazo_confd.interfaces import ENDPOINTS, LINE_CALLER_IDS, LINE_ENDPOINTS, LINES, TRUNK_ENDPOINT_OWNERS
from wazo_confd.kit.association import Association, AssociationService
from wazo_confd.kit.builder import DeclaredPlugin
from wazo_confd.kit.reloads import Reload

from .validator import endpoint_payload, validate_association, validate_dissociation


class LineEndpointService(AssociationService):
    """The line row is locked first (kit), so that of two concurrent associations to one
    line only the first succeeds; the unique endpoint columns stop one endpoint serving two."""

    @property
    def kind(self) -> str:
        return self.declaration.endpoint.rsplit('_', 1)[1]  # line_endpoint_<kind>

    def linked(self, line: Any, endpoint: Any) -> bool:
        return getattr(line, f'endpoint_{self.kind}') is endpoint

    def validate_link(self, line: Any, endpoint: Any) -> None:
        validate_association(self.kind, line, endpoint)
        if TRUNK_ENDPOINT_OWNERS in self.providers:
            self.providers.get(TRUNK_ENDPOINT_OWNERS).validate_free_for_line(self.kind, endpoint)

    def validate_unlink(self, line: Any, endpoint: Any) -> None:
        validate_dissociation(line)

    def link(self, line: Any, endpoint: Any) -> None:
        line.name = endpoint.interface if self.kind == 'custom' else getattr(endpoint, 'name', None)
        self.lefts.dao.set_endpoint(line, self.kind, endpoint)
        # A new endpoint takes the caller ID of the line's main user.
        self.providers.get(LINE_CALLER_IDS).refresh(line)

    def unlink(self, line: Any, endpoint: Any) -> None:
        line.name = None
        self.lefts.dao.set_endpoint(line, self.kind, None)


def _declare(kind: str, var: str, converter: str, label: str, reloads: tuple[Reload, ...]) -> Association:
    return Association(
        url=f'/lines/<int:line_id>/endpoints/{kind}/<{converter}:{var}>',
        endpoint=f'line_endpoint_{kind}',
        left=LINES,
        right=ENDPOINTS[kind],
        label=label,
        service=LineEndpointService,
        event=f'line_endpoint_{kind}',
        routing=f'config.lines.{{left.id}}.endpoints.{kind}.{{right.{"uuid" if kind == "sip" else "id"}}}',
        payload=lambda line, endpoint: {
            'line': {'id': line.id, 'tenant_uuid': line.tenant_uuid, 'name': line.name},
            f'endpoint_{kind}': endpoint_payload(kind, endpoint),
        },
        reloads=reloads,
        provider=LINE_ENDPOINTS[kind],
    )


ASSOCIATIONS = (
    _declare('sip', 'sip_uuid', 'uuid', 'LineEndpointSIP', (Reload('module reload res_pjsip.so'),)),
    _declare('sccp', 'sccp_id', 'int', 'LineEndpointSCCP', (Reload('module reload chan_sccp.so'),)),
    _declare('custom', 'custom_id', 'int', 'LineEndpointCustom', ()),
)


class Plugin(DeclaredPlugin):
    associations = ASSOCIATIONS
