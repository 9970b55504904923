"""GET/PUT /asterisk/voicemail/zonemessages; only the master tenant may change them."""

from __future__ import annotations

from wazo_confd.http.body import json_body
from wazo_confd.http.master_tenant import master_tenant_only
from wazo_confd.http.resource import ConfdResource
from wazo_confd.kit.schema import load, shared

from .schema import VoicemailZoneMessagesSchema
from .service import VoicemailZoneMessagesService


class VoicemailZoneMessagesList(ConfdResource):
    acls = {
        'get': 'confd.asterisk.voicemail.zonemessages.get',
        'put': 'confd.asterisk.voicemail.zonemessages.update',
    }
    schema = VoicemailZoneMessagesSchema
    docs = {
        'get': {
            'response': {
                'description': 'The zone messages',
                'content': {
                    'application/json': {
                        'schema': {'$ref': '#/components/schemas/VoicemailZoneMessages'},
                    }
                },
            }
        },
        'put': {'status': 204, 'response': {'description': 'Updated'}, 'body': True},
    }

    def __init__(self, service: VoicemailZoneMessagesService):
        self.service = service

    def get(self) -> dict:
        return shared(VoicemailZoneMessagesSchema).dump({'items': self.service.list()})

    @master_tenant_only
    def put(self) -> tuple[None, int]:
        form = load(shared(VoicemailZoneMessagesSchema), json_body())
        self.service.edit(form['items'])
        return None, 204
