"""Events of custom endpoints: custom_endpoint_created, _edited, _deleted."""

from __future__ import annotations

from wazo_confd.kit.notifier import CRUDNotifier

from .model import EndpointCustom


class EndpointCustomNotifier(CRUDNotifier):
    names = {
        'created': 'custom_endpoint_created',
        'edited': 'custom_endpoint_edited',
        'deleted': 'custom_endpoint_deleted',
    }
    routing_keys = {
        'created': 'config.custom_endpoint.created',
        'edited': 'config.custom_endpoint.edited',
        'deleted': 'config.custom_endpoint.deleted',
    }
    # The contract lists no sysconfd_handlers for custom endpoints.
    reload_commands: dict[str, list[str]] = {}

    def payload(self, endpoint: EndpointCustom) -> dict:
        return {
            'id': endpoint.id,
            'tenant_uuid': endpoint.tenant_uuid,
            'interface': endpoint.interface,
            'trunk': None,
            'line': {'id': endpoint.line.id} if endpoint.line is not None else None,
        }
