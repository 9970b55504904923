"""Flask application factory: the API under /1.1, errors, CORS, request log."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask, Response, g, request
from flask_cors import CORS
from flask_restful import Api

from wazo_confd.auth.verifier import CachingVerifier
from wazo_confd.database.timing import SqlTimer
from wazo_confd.database.timing import logger as sql_logger
from wazo_confd.database.uow import Database

from . import statements
from .converters import IdConverter
from .errors import error_response
from .proxy import ForwardedHeaders

API_PREFIX = '/1.1'
access_logger = logging.getLogger('wazo_confd.http.access')


@dataclass
class HttpDependencies:
    database: Database
    verifier: CachingVerifier
    # The master tenant's uuid, None while it is unknown (wazo-auth not reached yet).
    master_tenant: Callable[[], str | None] = lambda: None


class ConfdApi(Api):
    """flask-restful Api whose errors all use the upstream JSON array bodies."""

    def handle_error(self, e: Exception) -> Response:
        return error_response(e)

    def add_resource(self, resource: type, *urls: str, **kwargs: Any) -> None:
        # The OpenAPI generator asks resources for facts only their instances know
        # (sortable columns, unique fields): remember how each endpoint is built.
        endpoint = kwargs.get('endpoint') or resource.__name__.lower()
        assert self.app is not None
        self.app.extensions.setdefault('confd_resource_kwargs', {})[endpoint] = (
            kwargs.get('resource_class_kwargs') or {}
        )
        super().add_resource(resource, *urls, **kwargs)


def create_app(config: dict, deps: HttpDependencies) -> tuple[Flask, ConfdApi]:
    app = Flask('wazo_confd')
    app.url_map.converters['int'] = IdConverter
    rest = config['rest_api']
    app.config['MAX_CONTENT_LENGTH'] = rest['max_content_length']
    app.config['PROPAGATE_EXCEPTIONS'] = False
    app.config['ERROR_404_HELP'] = False
    app.extensions['confd'] = deps
    app.wsgi_app = ForwardedHeaders(app.wsgi_app)  # type: ignore[method-assign]

    cors = rest['cors']
    if cors.get('enabled', True):
        CORS(app, **{k: v for k, v in cors.items() if k != 'enabled'})

    app.register_error_handler(Exception, error_response)

    # SQL timings cost two hooks per statement: only when someone reads DEBUG lines.
    sql_timer = SqlTimer(deps.database.engine) if sql_logger.isEnabledFor(logging.DEBUG) else None

    @app.before_request
    def _start_timer() -> None:
        g.started = time.monotonic()
        if sql_timer is not None:
            sql_timer.start()

    @app.after_request
    def _log_request(response: Response) -> Response:
        started = g.get('started')
        duration_ms = (time.monotonic() - started) * 1000 if started else 0.0
        # Path only: query strings may carry search terms, bodies may carry secrets.
        access_logger.info('%s %s %s %.1fms', request.method, request.path, response.status_code, duration_ms)
        if sql_timer is not None:
            count, sql_ms = sql_timer.finish()
            sql_logger.debug('%s %s: %d SQL statements in %.1fms', request.method, request.path, count, sql_ms)
        return response

    if config.get('database', {}).get('count_statements'):
        statements.install(app, deps.database.engine)

    api = ConfdApi(app, prefix=API_PREFIX, catch_all_404s=True)
    return app, api
