"""cheroot WSGI server: bounded thread pool, native TLS, graceful stop."""

from __future__ import annotations

import logging
import ssl
import threading
from collections.abc import Callable

from cheroot import wsgi
from cheroot.ssl.builtin import BuiltinSSLAdapter

logger = logging.getLogger(__name__)


class TLSAdapter(BuiltinSSLAdapter):
    """cheroot's built-in adapter, refusing anything older than TLS 1.2."""

    def __init__(self, certificate: str, private_key: str):
        super().__init__(certificate, private_key)
        self.context.minimum_version = ssl.TLSVersion.TLSv1_2


class HttpServer:
    def __init__(self, config: dict, app: Callable):
        rest = config['rest_api']
        self.tls = bool(rest['certificate'])
        self._server = wsgi.Server(
            bind_addr=(rest['listen'], rest['port']),
            wsgi_app=app,
            numthreads=rest['min_threads'],
            max=rest['max_threads'],
            request_queue_size=rest['request_queue_size'],
            shutdown_timeout=rest['shutdown_timeout'],
            server_name='wazo-confd',
        )
        if self.tls:
            self._server.ssl_adapter = TLSAdapter(rest['certificate'], rest['private_key'])
        self._ready = threading.Event()

    def prepare(self) -> None:
        """Bind the socket (may need privileges); serving starts with `serve()`."""
        self._server.prepare()
        self._ready.set()
        host, port = self._server.bind_addr[:2]
        logger.info('REST API listening on %s://%s:%s', 'https' if self.tls else 'http', host, port)

    @property
    def port(self) -> int:
        return self._server.bind_addr[1]

    def serve(self) -> None:
        self._server.serve()

    def stop(self) -> None:
        """Stop accepting connections and let in-flight requests finish (up to shutdown_timeout)."""
        if self._ready.is_set():
            self._server.stop()
