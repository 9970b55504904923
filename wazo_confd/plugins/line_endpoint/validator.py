"""Rules of line-endpoint links: one endpoint per line, one line per endpoint, same
tenant; a line keeps its endpoint while users or a device use it."""

from __future__ import annotations

from typing import Any

from wazo_confd.errors import resource_associated
from wazo_confd.kit.association import check_same_tenant


def endpoint_key(kind: str, endpoint: Any) -> Any:
    return endpoint.uuid if kind == 'sip' else endpoint.id


def validate_association(kind: str, line: Any, endpoint: Any) -> None:
    check_same_tenant(line, endpoint, 'line', 'endpoint')
    current = line.endpoint
    if current is not None:
        raise resource_associated(
            'Line', 'Endpoint', line_id=line.id, endpoint=line.protocol, endpoint_id=_current_key(line)
        )
    if endpoint.line is not None:
        # Upstream names a SIP endpoint's key `endpoint_uuid` here (not for the line's own).
        key = 'endpoint_uuid' if kind == 'sip' else 'endpoint_id'
        raise resource_associated(
            'Line', 'Endpoint', line_id=endpoint.line.id, endpoint=kind, **{key: endpoint_key(kind, endpoint)}
        )


def validate_dissociation(line: Any) -> None:
    if line.users:
        user_ids = ','.join(str(user.id) for user in line.users)
        raise resource_associated('Line', 'User', line_id=line.id, user_ids=user_ids)
    if line.extensions:
        extension_ids = ','.join(str(extension.id) for extension in line.extensions)
        raise resource_associated('Line', 'Extension', line_id=line.id, extension_ids=extension_ids)
    if line.device_id is not None:
        raise resource_associated('Line', 'Device', line_id=line.id, device_id=line.device_id)


def _current_key(line: Any) -> Any:
    return line.endpoint_sip_uuid or line.endpoint_sccp_id or line.endpoint_custom_id


def endpoint_payload(kind: str, endpoint: Any) -> dict:
    """The endpoint as the line_endpoint events show it."""
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
