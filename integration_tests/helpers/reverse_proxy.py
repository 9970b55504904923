"""A reverse proxy stand-in: serves the daemon under a path prefix, as nginx would with
`location /confd/ { proxy_pass http://daemon/; proxy_set_header X-Script-Name /confd; }`."""

from __future__ import annotations

import http.client
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOP_BY_HOP = {'connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-connection'}


class ReverseProxy:
    def __init__(self, upstream_port: int, prefix: str = '/confd') -> None:
        self.prefix = prefix
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                proxy.forward(self)

            do_HEAD = do_POST = do_PUT = do_DELETE = do_OPTIONS = do_GET

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.upstream_port = upstream_port
        self.server = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f'http://127.0.0.1:{self.port}{self.prefix}'

    def __enter__(self) -> ReverseProxy:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def forward(self, request: BaseHTTPRequestHandler) -> None:
        if not request.path.startswith(self.prefix + '/'):
            request.send_error(404, 'outside the proxied prefix')
            return
        length = int(request.headers.get('Content-Length') or 0)
        body = request.rfile.read(length) if length else None
        headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP}
        headers.update(
            {'X-Script-Name': self.prefix, 'X-Forwarded-Host': request.headers['Host'], 'X-Forwarded-Proto': 'http'}
        )
        upstream = http.client.HTTPConnection('127.0.0.1', self.upstream_port, timeout=30)
        upstream.request(request.command, request.path[len(self.prefix) :], body=body, headers=headers)
        answer = upstream.getresponse()
        content = answer.read()
        request.send_response(answer.status)
        for name, value in answer.getheaders():
            if name.lower() not in HOP_BY_HOP | {'content-length'}:
                request.send_header(name, value)
        request.send_header('Content-Length', str(len(content)))
        request.end_headers()
        if request.command != 'HEAD':
            request.wfile.write(content)
        upstream.close()
