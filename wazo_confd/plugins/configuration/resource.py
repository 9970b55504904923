"""GET/PUT /configuration/live_reload, for the master tenant only."""

from __future__ import annotations

from wazo_confd.http.body import json_body
from wazo_confd.http.resource import ConfdResource
from wazo_confd.kit.schema import load

from .schema import LiveReloadSchema
from .service import LiveReloadService

LIVE_RELOAD_DOC: dict[str, dict] = {
    'get': {
        'response': {
            'description': 'The live reload setting',
            'content': {
                'application/json': {
                    'schema': {
                        'type': 'object',
                        'properties': {'enabled': {'type': 'boolean'}},
                    }
                }
            },
        }
    },
    'put': {'status': 204, 'response': {'description': 'Updated'}, 'body': True},
}


class LiveReloadResource(ConfdResource):
    acls = {'get': 'confd.configuration.live_reload.read', 'put': 'confd.configuration.live_reload.update'}
    master_tenant_only = True
    docs = LIVE_RELOAD_DOC
    schema = LiveReloadSchema

    def __init__(self, service: LiveReloadService):
        self.service = service

    def get(self) -> dict:
        return LiveReloadSchema().dump({'enabled': self.service.get()})

    def put(self) -> tuple[None, int]:
        form = load(LiveReloadSchema(), json_body())
        self.service.edit(form['enabled'])
        return None, 204
