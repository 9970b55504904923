"""A stand-in of wazo-sysconfd's HTTP API that records the reload requests it receives."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .daemon import free_port


class SysconfdStandIn:
    def __init__(self) -> None:
        self.port = free_port()
        self.requests: list[dict] = []
        self._server: ThreadingHTTPServer | None = None

    def start(self) -> SysconfdStandIn:
        recorded = self.requests

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                self._answer(200, {'rest_api': {'status': 'ok'}} if self.path == '/status' else {})

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get('Content-Length') or 0)
                body = json.loads(self.rfile.read(length) or b'null')
                if self.path != '/exec_request_handlers':
                    self._answer(404, {})
                    return
                recorded.append(body)
                self._answer(200, {})

            def _answer(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header('Content-Type', 'application/json')
                self.send_header('Content-Length', str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                return None

        ThreadingHTTPServer.allow_reuse_address = True
        self._server = ThreadingHTTPServer(('127.0.0.1', self.port), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
