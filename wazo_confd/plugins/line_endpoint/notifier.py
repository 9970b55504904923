"""Events of line-endpoint links: line_endpoint_{sip,sccp,custom}_{associated,dissociated}."""

from __future__ import annotations

from typing import Any

from wazo_confd.kit.notifier import Notifier

RELOAD = {'ipbx': ['module reload res_pjsip.so', 'module reload chan_sccp.so']}


def _endpoint(kind: str, endpoint: Any) -> dict:
    if kind == 'sip':
        username = [[key, value] for key, value in endpoint.auth_section_options or [] if key == 'username']
        return {
            'uuid': endpoint.uuid,
            'tenant_uuid': endpoint.tenant_uuid,
            'label': endpoint.label,
            'name': endpoint.name,
            'auth_section_options': username,
        }
    if kind == 'sccp':
        return {'id': endpoint.id, 'tenant_uuid': endpoint.tenant_uuid}
    return {'id': endpoint.id, 'tenant_uuid': endpoint.tenant_uuid, 'interface': endpoint.interface}


class LineEndpointNotifier(Notifier):
    reload_commands = RELOAD

    def __init__(self, outbox: Any, kind: str):
        super().__init__(outbox)
        self.kind = kind

    def associated(self, line: Any, endpoint: Any) -> None:
        self._send('associated', 'updated', line, endpoint)

    def dissociated(self, line: Any, endpoint: Any) -> None:
        self._send('dissociated', 'deleted', line, endpoint)

    def _send(self, action: str, verb: str, line: Any, endpoint: Any) -> None:
        key = endpoint.uuid if self.kind == 'sip' else endpoint.id
        self.emit(
            f'line_endpoint_{self.kind}_{action}',
            f'config.lines.{line.id}.endpoints.{self.kind}.{key}.{verb}',
            {
                'line': {'id': line.id, 'tenant_uuid': line.tenant_uuid, 'name': line.name},
                f'endpoint_{self.kind}': _endpoint(self.kind, endpoint),
            },
            line.tenant_uuid,
        )
