"""Load generator: N clients on loopback, each a thread with one keep-alive connection.

Every request is timed from just before it is sent to the end of its response body;
throughput is the requests completed divided by the wall time of the whole run.
"""

from __future__ import annotations

import gc
import json
import resource
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import orjson

_RECV = 65536
# Methods whose request always says how long its body is (http.client's rule: 0 when none).
_BODY_METHODS = frozenset({'POST', 'PUT', 'PATCH'})


class RemoteDisconnected(ConnectionError):
    """The server closed the connection before sending any byte of the response."""


class Connection:
    """One keep-alive HTTP/1.1 connection on a raw socket; reconnects once if the server closed it.

    Lighter than `http.client` (no header objects or email parser, one `sendall` per request),
    because the client's CPU is taken from the same cores as the daemon's. The response body
    is decoded as JSON only when the caller asks for it (`parse=True`, the default).
    """

    def __init__(
        self, port: int, token: str, tenant: str | None = None, host: str = '127.0.0.1', timeout: float = 30
    ) -> None:
        self.address = (host, port)
        self.timeout = timeout
        head = f'Host: {host}:{port}\r\nX-Auth-Token: {token}\r\n'
        if tenant:
            head += f'Wazo-Tenant: {tenant}\r\n'
        head += 'Content-Type: application/json\r\nAccept: application/json\r\n'
        self._headers = head.encode('latin-1')
        self._sock: socket.socket | None = None
        self._buffer = bytearray()  # bytes received and not consumed yet

    def request(self, method: str, path: str, body: Any = None, parse: bool = True) -> tuple[int, Any]:
        """Send one request to `/1.1` + `path`; return its status and its body: the decoded
        JSON (None when the body is empty or not JSON) with `parse`, the raw bytes without."""
        payload = json.dumps(body).encode() if body is not None else None
        message = self._message(method, path, payload)
        for attempt in (1, 2):
            try:
                if self._sock is None:
                    self._connect()
                self._sock.sendall(message)  # type: ignore[union-attr]
                status, headers, raw = self._response(method)
                break
            except (RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if attempt == 2:
                    raise
            except BaseException:
                # Leave the connection usable for the next request.
                self.close()
                raise
        if headers.get(b'connection', b'').lower() == b'close':
            self.close()
        if not parse:
            return status, raw
        if raw and headers.get(b'content-type', b'').startswith(b'application/json'):
            # orjson (a dependency of the daemon): a page of 100 users decodes in a tenth of
            # the json module's time, leaving the shared cores to the daemon.
            return status, orjson.loads(raw)
        return status, None

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None
        self._buffer.clear()

    def _connect(self) -> None:
        sock = socket.create_connection(self.address, timeout=self.timeout)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._sock = sock
        self._buffer.clear()

    def _message(self, method: str, path: str, payload: bytes | None) -> bytes:
        start = f'{method} /1.1{path} HTTP/1.1\r\n'.encode('ascii')
        if payload is None:
            length = b'Content-Length: 0\r\n\r\n' if method in _BODY_METHODS else b'\r\n'
            return start + self._headers + length
        return start + self._headers + b'Content-Length: %d\r\n\r\n' % len(payload) + payload

    def _response(self, method: str) -> tuple[int, dict[bytes, bytes], bytes]:
        while True:
            status, headers = self._head()
            if not 100 <= status < 200 or status == 101:
                break  # an interim answer (100 Continue) is followed by the real one
        if method == 'HEAD' or status in (204, 304) or 100 <= status < 200:
            return status, headers, b''
        if b'chunked' in headers.get(b'transfer-encoding', b'').lower():
            return status, headers, self._chunked()
        length = headers.get(b'content-length')
        if length is not None:
            return status, headers, self._exactly(int(length))
        # Neither: the body runs to the end of the connection.
        while self._fill():
            pass
        raw = bytes(self._buffer)
        self.close()
        return status, headers, raw

    def _head(self) -> tuple[int, dict[bytes, bytes]]:
        buffer = self._buffer
        end = buffer.find(b'\r\n\r\n')
        while end < 0:
            if not self._fill():
                if buffer:
                    raise ConnectionError(f'connection closed within a response head: {bytes(buffer[:200])!r}')
                raise RemoteDisconnected('the server closed the connection without a response')
            end = buffer.find(b'\r\n\r\n')
        lines = bytes(buffer[:end]).split(b'\r\n')
        del buffer[: end + 4]
        parts = lines[0].split(None, 2)
        if len(parts) < 2 or not parts[0].startswith(b'HTTP/'):
            raise ConnectionError(f'not an HTTP status line: {lines[0][:200]!r}')
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(b':')
            headers[name.strip().lower()] = value.strip()
        return int(parts[1]), headers

    def _fill(self) -> bool:
        """Receive more bytes into the buffer; False at the end of the connection."""
        chunk = self._sock.recv(_RECV)  # type: ignore[union-attr]
        if not chunk:
            return False
        self._buffer += chunk
        return True

    def _exactly(self, size: int) -> bytes:
        buffer = self._buffer
        have = len(buffer)
        if have >= size:
            data = bytes(buffer[:size])
            del buffer[:size]
            return data
        # The rest is received straight into a buffer of the right size (a page is 100+ KB).
        out = bytearray(size)
        out[:have] = buffer
        buffer.clear()
        view = memoryview(out)
        while have < size:
            received = self._sock.recv_into(view[have:], size - have)  # type: ignore[union-attr]
            if not received:
                raise ConnectionError(f'connection closed after {have} of {size} bytes of a body')
            have += received
        return bytes(out)

    def _line(self) -> bytes:
        buffer = self._buffer
        end = buffer.find(b'\r\n')
        while end < 0:
            if not self._fill():
                raise ConnectionError('connection closed within a chunked body')
            end = buffer.find(b'\r\n')
        line = bytes(buffer[:end])
        del buffer[: end + 2]
        return line

    def _chunked(self) -> bytes:
        body = bytearray()
        while True:
            size = int(self._line().split(b';', 1)[0].strip(), 16)
            if size == 0:
                while self._line():  # trailers, up to the empty line
                    pass
                return bytes(body)
            body += self._exactly(size)
            if self._exactly(2) != b'\r\n':
                raise ConnectionError('chunk not followed by CRLF')


@dataclass
class Result:
    name: str
    clients: int
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    first_errors: list[str] = field(default_factory=list)
    unit: str = 'req'
    units: int | None = None
    # CPU (user + system) of this whole process over the run: the load generator's own cost.
    client_cpu_seconds: float = 0.0

    def percentile(self, p: float) -> float | None:
        if not self.latencies_ms:
            return None
        ordered = sorted(self.latencies_ms)
        index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
        return ordered[index]

    @property
    def throughput(self) -> float:
        done = self.units if self.units is not None else self.requests
        return done / self.seconds if self.seconds else 0.0

    def summary(self) -> dict:
        return {
            'name': self.name,
            'clients': self.clients,
            'requests': self.requests,
            'errors': self.errors,
            'seconds': round(self.seconds, 3),
            'throughput': round(self.throughput, 1),
            'unit': f'{self.unit}/s',
            'p50_ms': _round(self.percentile(50)),
            'p99_ms': _round(self.percentile(99)),
            'client_cpu_ms_per_request': round(self.client_cpu_seconds * 1000 / max(1, self.requests), 3),
            'first_errors': self.first_errors,
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


# A step sends one request on the connection and says whether the answer was the expected one.
Step = Callable[[Connection, int], tuple[bool, str]]


def run(name: str, port: int, token: str, clients: int, per_client: int, step: Step) -> Result:
    """Run `step(conn, i)` `per_client` times on each of `clients` threads; time each call."""
    result = Result(name, clients)
    lock = threading.Lock()
    start_gate = threading.Barrier(clients + 1)

    def worker(index: int) -> None:
        conn = Connection(port, token)
        latencies: list[float] = []
        messages: list[str] = []
        errors = 0
        start_gate.wait()
        for n in range(per_client):
            i = index * per_client + n
            started = time.perf_counter()
            try:
                ok, message = step(conn, i)
            except Exception as e:  # a failed request is an error of the run, not of the tool
                ok, message = False, f'{type(e).__name__}: {e}'
            latencies.append((time.perf_counter() - started) * 1000)
            if not ok:
                errors += 1
                if len(messages) < 3:
                    messages.append(message)
        conn.close()
        with lock:
            result.latencies_ms.extend(latencies)
            result.errors += errors
            result.requests += per_client
            result.first_errors.extend(messages[: 3 - len(result.first_errors)])

    threads = [threading.Thread(target=worker, args=(k,), daemon=True) for k in range(clients)]
    # The load generator's own collector pauses it, not the daemon, and the pause lands in
    # the latency of the requests in flight: once (c) had loaded 100,000 users here, a full
    # collection took about 30 ms every 0.3 s. What exists before the run is kept out of
    # its sight, so that it scans only what the run makes.
    gc.collect()
    gc.freeze()
    try:
        for thread in threads:
            thread.start()
        start_gate.wait()
        cpu_before = process_cpu_seconds()
        began = time.perf_counter()
        for thread in threads:
            thread.join()
        result.seconds = time.perf_counter() - began
        result.client_cpu_seconds = process_cpu_seconds() - cpu_before
    finally:
        gc.unfreeze()
    return result


def process_cpu_seconds() -> float:
    """User + system CPU time of this process (every thread) so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def expect(status: int, wanted: int, data: Any = None) -> tuple[bool, str]:
    if status == wanted:
        return True, ''
    if isinstance(data, bytes):
        data = data.decode('utf-8', 'replace')
    return False, f'status {status} (wanted {wanted}): {str(data)[:200]}'
