"""GET /1.1/status: each component of the daemon, ok or fail."""

from __future__ import annotations

from collections.abc import Callable

from wazo_confd.http.resource import ConfdResource
from wazo_confd.plugin_api import PluginDependencies

STATUS_DOC = {
    'response': {
        'description': 'Status of each component',
        'content': {
            'application/json': {
                'schema': {
                    'type': 'object',
                    'additionalProperties': {
                        'type': 'object',
                        'properties': {'status': {'type': 'string', 'enum': ['ok', 'fail']}},
                    },
                }
            }
        },
    }
}


class StatusResource(ConfdResource):
    acls = {'get': 'confd.status.read'}
    docs = {'get': STATUS_DOC}

    def __init__(self, checks: dict[str, Callable[[], dict]]):
        self.checks = checks

    def get(self) -> dict:
        result = {}
        for name, check in self.checks.items():
            try:
                result[name] = check()
            except Exception as e:  # a failing probe is a status, not an error
                result[name] = {'status': 'fail', 'reason': e.__class__.__name__}
        return result


class Plugin:
    def load(self, deps: PluginDependencies) -> None:
        deps.api.add_resource(
            StatusResource, '/status', endpoint='statuschecker', resource_class_kwargs={'checks': deps.status}
        )
