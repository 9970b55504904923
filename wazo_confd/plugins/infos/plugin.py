"""GET /1.1/infos: the platform uuid and version."""

from __future__ import annotations

from collections.abc import Callable

from wazo_confd import __version__
from wazo_confd.http.resource import ConfdResource
from wazo_confd.plugin_api import PluginDependencies

INFO_DOC = {
    'response': {
        'description': 'Platform information',
        'content': {
            'application/json': {
                'schema': {
                    'type': 'object',
                    'properties': {'uuid': {'type': 'string', 'format': 'uuid'}, 'wazo_version': {'type': 'string'}},
                }
            }
        },
    }
}


class InfosResource(ConfdResource):
    acls = {'get': 'confd.infos.read'}
    docs = {'get': INFO_DOC}

    def __init__(self, uuid: Callable[[], str]):
        self.uuid = uuid

    def get(self) -> dict:
        return {'uuid': self.uuid(), 'wazo_version': __version__}


class Plugin:
    def load(self, deps: PluginDependencies) -> None:
        deps.api.add_resource(
            InfosResource, '/infos', endpoint='infos', resource_class_kwargs={'uuid': deps.info['uuid']}
        )
