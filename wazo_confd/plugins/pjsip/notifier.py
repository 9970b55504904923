"""Events of SIP transports (sip_transport_*): service events, transports have no tenant."""

from __future__ import annotations

from wazo_confd.kit.notifier import CRUDNotifier

from .model import Transport
from .schema import TransportSchema


class TransportNotifier(CRUDNotifier):
    names = {
        'created': 'sip_transport_created',
        'edited': 'sip_transport_edited',
        'deleted': 'sip_transport_deleted',
    }
    routing_keys = {
        'created': 'config.sip.transports.created',
        'edited': 'config.sip.transports.edited',
        'deleted': 'config.sip.transports.deleted',
    }
    family = 'service'
    reload_commands = {'ipbx': ['module reload res_pjsip.so']}

    def payload(self, transport: Transport) -> dict:
        return TransportSchema().dump(transport)
