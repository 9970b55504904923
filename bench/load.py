"""Load generator: N clients on loopback, each a thread with one keep-alive connection.

Every request is timed from just before it is sent to the end of its response body;
throughput is the requests completed divided by the wall time of the whole run.
"""

from __future__ import annotations

import http.client
import json
import resource
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


class Connection:
    """One keep-alive HTTP/1.1 connection; reconnects once if the server closed it."""

    def __init__(self, port: int, token: str, tenant: str | None = None):
        self.port = port
        self.headers = {'X-Auth-Token': token, 'Content-Type': 'application/json', 'Accept': 'application/json'}
        if tenant:
            self.headers['Wazo-Tenant'] = tenant
        self._conn = http.client.HTTPConnection('127.0.0.1', port, timeout=30)

    def request(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        payload = json.dumps(body) if body is not None else None
        for attempt in (1, 2):
            try:
                self._conn.request(method, '/1.1' + path, body=payload, headers=self.headers)
                response = self._conn.getresponse()
                raw = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self._conn.close()
                if attempt == 2:
                    raise
            except Exception:
                # Leave the connection usable for the next request.
                self._conn.close()
                raise
        data = json.loads(raw) if raw and response.getheader('Content-Type', '').startswith('application/json') else None
        return response.status, data

    def close(self) -> None:
        self._conn.close()


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
        latencies, errors, messages = [], 0, []
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
    for thread in threads:
        thread.start()
    start_gate.wait()
    cpu_before = process_cpu_seconds()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - began
    result.client_cpu_seconds = process_cpu_seconds() - cpu_before
    return result


def process_cpu_seconds() -> float:
    """User + system CPU time of this process (every thread) so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def expect(status: int, wanted: int, data: Any = None) -> tuple[bool, str]:
    if status == wanted:
        return True, ''
    return False, f'status {status} (wanted {wanted}): {str(data)[:200]}'
