"""GET /1.1/api/api.yml: the OpenAPI document of the enabled plugins, without a token."""

from __future__ import annotations

import threading

import yaml
from flask import Response, current_app

from wazo_confd.http.openapi import build_spec
from wazo_confd.http.resource import ConfdResource, no_auth
from wazo_confd.plugin_api import PluginDependencies


class _NoAliasDumper(yaml.SafeDumper):
    """Writes shared parts out in full: anchors and aliases trip up some OpenAPI tools."""

    def ignore_aliases(self, data: object) -> bool:
        return True


class SpecCache:
    def __init__(self) -> None:
        self._text: str | None = None
        self._lock = threading.Lock()

    def text(self) -> str:
        with self._lock:
            if self._text is None:
                self._text = yaml.dump(
                    build_spec(current_app), Dumper=_NoAliasDumper, sort_keys=False, allow_unicode=True
                )
            return self._text


class OpenApiResource(ConfdResource):
    docs = {
        'get': {
            'response': {
                'description': 'OpenAPI document',
                'content': {'application/yaml': {'schema': {'type': 'string'}}},
            }
        }
    }

    def __init__(self, cache: SpecCache):
        self.cache = cache

    @no_auth
    def get(self) -> Response:
        return Response(self.cache.text(), mimetype='application/yaml')


class Plugin:
    def load(self, deps: PluginDependencies) -> None:
        deps.api.add_resource(
            OpenApiResource, '/api/api.yml', endpoint='api_spec', resource_class_kwargs={'cache': SpecCache()}
        )
