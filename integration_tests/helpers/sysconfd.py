"""A stand-in of wazo-sysconfd's HTTP API that records the requests it receives."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from .daemon import free_port
from .stand_in import JsonHandler, StandInServer


class SysconfdStandIn(StandInServer):
    """`requests`: the bodies of POST /exec_request_handlers; `calls`: every request but
    GET /status, in arrival order, as (path without slash, query parameters or body)."""

    def __init__(self) -> None:
        self.port = free_port()
        self.requests: list[dict] = []
        self.calls: list[tuple[str, dict]] = []

    def start(self) -> SysconfdStandIn:
        recorded, calls = self.requests, self.calls

        class Handler(JsonHandler):
            def do_GET(self) -> None:  # noqa: N802
                url = urlsplit(self.path)
                if url.path == '/status':
                    self.reply(200, {'rest_api': {'status': 'ok'}})
                    return
                calls.append((url.path.lstrip('/'), dict(parse_qsl(url.query, keep_blank_values=True))))
                self.reply(200, {})

            def do_POST(self) -> None:  # noqa: N802
                body = self.read_json()
                if self.path != '/exec_request_handlers':
                    self.reply(404, {})
                    return
                recorded.append(body)
                calls.append(('exec_request_handlers', body))
                self.reply(200, {})

        self.serve(Handler, 'sysconfd-stand-in')
        return self
