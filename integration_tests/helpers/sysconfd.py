"""A stand-in of wazo-sysconfd's HTTP API that records the reload requests it receives."""

from __future__ import annotations

from .daemon import free_port
from .stand_in import JsonHandler, StandInServer


class SysconfdStandIn(StandInServer):
    def __init__(self) -> None:
        self.port = free_port()
        self.requests: list[dict] = []

    def start(self) -> SysconfdStandIn:
        recorded = self.requests

        class Handler(JsonHandler):
            def do_GET(self) -> None:  # noqa: N802
                self.reply(200, {'rest_api': {'status': 'ok'}} if self.path == '/status' else {})

            def do_POST(self) -> None:  # noqa: N802
                body = self.read_json()
                if self.path != '/exec_request_handlers':
                    self.reply(404, {})
                    return
                recorded.append(body)
                self.reply(200, {})

        self.serve(Handler, 'sysconfd-stand-in')
        return self
