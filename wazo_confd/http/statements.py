"""Per-request SQL statement count, for tests that guard against N+1 queries.

Enabled only by the `database.count_statements` configuration key: every statement the
request's thread sends (the authentication lookups included) is counted, and the total is
returned in the `X-Confd-Statement-Count` response header.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, g, has_request_context
from sqlalchemy import event
from sqlalchemy.engine import Engine

HEADER = 'X-Confd-Statement-Count'


def install(app: Flask, engine: Engine) -> None:
    @event.listens_for(engine, 'before_cursor_execute')
    def _count(*_args: Any) -> None:
        if has_request_context():
            g.sql_statements = g.get('sql_statements', 0) + 1

    @app.after_request
    def _report(response: Response) -> Response:
        response.headers[HEADER] = str(g.get('sql_statements', 0))
        return response
