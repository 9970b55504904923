"""Events of SIP endpoints (sip_endpoint_*) and templates (sip_endpoint_template_*)."""

from __future__ import annotations

from wazo_confd.kit.notifier import CRUDNotifier
from wazo_confd.kit.schema import shared

from .model import EndpointSIP
from .schema import EventSIPSchema

RELOAD = {'ipbx': ['module reload res_pjsip.so', 'dialplan reload']}


class EndpointSIPNotifier(CRUDNotifier):
    names = {
        'created': 'sip_endpoint_created',
        'edited': 'sip_endpoint_edited',
        'deleted': 'sip_endpoint_deleted',
    }
    routing_keys = {
        'created': 'config.sip_endpoint.created',
        'edited': 'config.sip_endpoint.edited',
        'deleted': 'config.sip_endpoint.deleted',
    }
    reload_commands = RELOAD

    def payload(self, endpoint: EndpointSIP) -> dict:
        return shared(EventSIPSchema).dump(endpoint)


class SIPTemplateNotifier(EndpointSIPNotifier):
    names = {
        'created': 'sip_endpoint_template_created',
        'edited': 'sip_endpoint_template_edited',
        'deleted': 'sip_endpoint_template_deleted',
    }
    routing_keys = {
        'created': 'config.sip_endpoint_template.created',
        'edited': 'config.sip_endpoint_template.edited',
        'deleted': 'config.sip_endpoint_template.deleted',
    }
