"""GET /1.1/api/api.yml: the OpenAPI document of the enabled plugins, without a token;
GET /1.1/api/: the same document as a browsable page (see reference.py)."""

from __future__ import annotations

import hashlib
import threading

import yaml
from flask import Response, current_app, request

from wazo_confd.http.app import API_PREFIX
from wazo_confd.http.openapi import build_spec
from wazo_confd.http.resource import ConfdResource, no_auth
from wazo_confd.plugin_api import PluginDependencies

from . import reference


class _NoAliasDumper(yaml.SafeDumper):
    """Writes shared parts out in full: anchors and aliases trip up some OpenAPI tools."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _servers(script_root: str) -> str:
    return yaml.dump({'servers': [{'url': script_root + API_PREFIX}]}, Dumper=_NoAliasDumper)


def _etag(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


class SpecCache:
    def __init__(self) -> None:
        self._text: str | None = None
        self._etag = ''
        self._lock = threading.Lock()

    def document(self, script_root: str = '') -> tuple[str, str]:
        """The document and its ETag. Behind a proxy prefix (X-Script-Name) its server URL
        carries the prefix, so that "try it out" in the page goes through the proxy too."""
        with self._lock:
            if self._text is None:
                self._text = yaml.dump(
                    build_spec(current_app), Dumper=_NoAliasDumper, sort_keys=False, allow_unicode=True
                )
                self._etag = _etag(self._text)
            text, etag = self._text, self._etag
        if not script_root:
            return text, etag
        return text.replace(_servers(''), _servers(script_root), 1), _etag(etag + script_root)


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
        text, etag = self.cache.document(request.script_root)
        response = Response(text, mimetype='application/yaml')
        # Cheap to check, large to send: browsers and tools revalidate it.
        response.headers['Cache-Control'] = 'no-cache'
        response.set_etag(etag)
        response.make_conditional(request)
        return response


class Plugin:
    def load(self, deps: PluginDependencies) -> None:
        deps.api.add_resource(
            OpenApiResource, '/api/api.yml', endpoint='api_spec', resource_class_kwargs={'cache': SpecCache()}
        )
        assert deps.api.app is not None
        reference.register(deps.api.app)
