"""Honour X-Forwarded-Proto, X-Forwarded-Host and X-Script-Name from a reverse proxy,
so that `Location` and `links` point where the client can reach us."""

from __future__ import annotations

from collections.abc import Callable, Iterable


class ForwardedHeaders:
    def __init__(self, app: Callable):
        self.app = app

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        proto = environ.get('HTTP_X_FORWARDED_PROTO')
        if proto:
            environ['wsgi.url_scheme'] = proto.split(',')[0].strip().lower()
        host = environ.get('HTTP_X_FORWARDED_HOST')
        if host:
            environ['HTTP_HOST'] = host.split(',')[0].strip()
        script_name = environ.get('HTTP_X_SCRIPT_NAME')
        if script_name:
            environ['SCRIPT_NAME'] = '/' + script_name.strip('/')
        return self.app(environ, start_response)
