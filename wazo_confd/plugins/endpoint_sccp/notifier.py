"""Events of SCCP endpoints: sccp_endpoint_created, _edited, _deleted."""

from __future__ import annotations

from wazo_confd.kit.notifier import CRUDNotifier

from .model import EndpointSCCP


class EndpointSCCPNotifier(CRUDNotifier):
    names = {'created': 'sccp_endpoint_created', 'edited': 'sccp_endpoint_edited', 'deleted': 'sccp_endpoint_deleted'}
    routing_keys = {
        'created': 'config.sccp_endpoint.created',
        'edited': 'config.sccp_endpoint.edited',
        'deleted': 'config.sccp_endpoint.deleted',
    }
    reload_commands = {'ipbx': ['module reload chan_sccp.so', 'dialplan reload']}

    def payload(self, endpoint: EndpointSCCP) -> dict:
        line = {'id': endpoint.line.id} if endpoint.line is not None else None
        return {'id': endpoint.id, 'tenant_uuid': endpoint.tenant_uuid, 'line': line}
