"""cheroot WSGI server: bounded thread pool, native TLS, graceful stop.

Binding and serving are two steps so that several processes can serve one listening
socket: the main process binds (it may still be root), forks its HTTP workers, then each
process builds its own selector and thread pool (neither survives a fork).
"""

from __future__ import annotations

import http.client
import logging
import ssl
import threading
from collections.abc import Callable

from cheroot import connections, wsgi
from cheroot.ssl.builtin import BuiltinSSLAdapter

logger = logging.getLogger(__name__)


class TLSAdapter(BuiltinSSLAdapter):
    """cheroot's built-in adapter, refusing anything older than TLS 1.2."""

    def __init__(self, certificate: str, private_key: str):
        super().__init__(certificate, private_key)
        self.context.minimum_version = ssl.TLSVersion.TLSv1_2


class _Server(wsgi.Server):
    def prepare(self) -> None:
        """Bind and listen only; `start_serving()` makes the selector and the threads."""
        self.requests.start = lambda: None
        try:
            super().prepare()
        finally:
            del self.requests.start
        self._connections.close()

    def start_serving(self) -> None:
        self._connections = connections.ConnectionManager(self)
        self.requests.start()


class HttpServer:
    def __init__(self, config: dict, app: Callable):
        rest = config['rest_api']
        self.tls = bool(rest['certificate'])
        self._listen = rest['listen']
        self._server = _Server(
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
        """Bind the socket (may need privileges); serving starts with `start()`, `serve()`."""
        self._server.prepare()
        host, port = self._server.bind_addr[:2]
        logger.info('REST API listening on %s://%s:%s', 'https' if self.tls else 'http', host, port)

    def start(self) -> None:
        """Start this process's worker threads (after any fork)."""
        self._server.start_serving()
        self._ready.set()

    @property
    def port(self) -> int:
        return self._server.bind_addr[1]

    def answers(self) -> bool:
        """True once an HTTP request to our own listener gets an answer, whatever its status."""
        host = {'0.0.0.0': '127.0.0.1', '::': '::1', '': '127.0.0.1'}.get(self._listen, self._listen)
        if self.tls:
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE  # our own certificate, maybe self-signed
            connection: http.client.HTTPConnection = http.client.HTTPSConnection(
                host, self.port, timeout=2, context=context
            )
        else:
            connection = http.client.HTTPConnection(host, self.port, timeout=2)
        try:
            connection.request('GET', '/1.1/api/api.yml')
            connection.getresponse().read()
        except (OSError, http.client.HTTPException):
            return False
        finally:
            connection.close()
        return True

    def serve(self) -> None:
        self._server.serve()

    def stop(self) -> None:
        """Stop accepting connections and let in-flight requests finish (up to shutdown_timeout)."""
        if self._ready.is_set():
            self._server.stop()
        elif self._server.socket is not None:
            self._server.socket.close()
            self._server.socket = None
