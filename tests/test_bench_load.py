"""The benchmark's raw-socket HTTP client (`bench/load.py`) against a scripted server on
loopback: framing (Content-Length, chunked, no body), lazy JSON and the one reconnection."""

from __future__ import annotations

import gc
import json
import socket
import threading

import pytest

from bench.load import Connection, RemoteDisconnected, expect, run


class ScriptedServer:
    """Accepts connections one after another; answers each request with the next scripted
    response (bytes), or closes the connection when the script says None."""

    def __init__(self, script: list[bytes | None]) -> None:
        self.script = list(script)
        self.requests: list[bytes] = []
        self.connections = 0
        self._listener = socket.create_server(('127.0.0.1', 0))
        self.port = self._listener.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while self.script:
            conn, _ = self._listener.accept()
            self.connections += 1
            with conn:
                buffer = b''
                while self.script:
                    while b'\r\n\r\n' not in buffer:
                        chunk = conn.recv(65536)
                        if not chunk:
                            break
                        buffer += chunk
                    if b'\r\n\r\n' not in buffer:
                        break
                    head, _, buffer = buffer.partition(b'\r\n\r\n')
                    lines = head.split(b'\r\n')
                    lengths = [line.split(b':')[1] for line in lines if line.lower().startswith(b'content-length')]
                    length = int(lengths[0]) if lengths else 0
                    while len(buffer) < length:
                        buffer += conn.recv(65536)
                    self.requests.append(head + b'\r\n\r\n' + buffer[:length])
                    buffer = buffer[length:]
                    answer = self.script.pop(0)
                    if answer is None:
                        break  # close without answering
                    conn.sendall(answer)
                    if b'Connection: close' in answer:
                        break
        self._listener.close()

    def join(self) -> None:
        self._thread.join(5)


def json_response(status: str, body: object, extra: bytes = b'') -> bytes:
    raw = json.dumps(body).encode()
    return (
        b'HTTP/1.1 '
        + status.encode()
        + b'\r\nContent-Type: application/json\r\n'
        + b'Content-Length: %d\r\n' % len(raw)
        + extra
        + b'\r\n'
        + raw
    )


def test_request_bytes_and_parsed_body() -> None:
    server = ScriptedServer([json_response('201 Created', {'uuid': 'u1'}), json_response('200 OK', {'a': 1})])
    conn = Connection(server.port, 'key', tenant='t1')
    assert conn.request('POST', '/users', {'firstname': 'Alice'}) == (201, {'uuid': 'u1'})
    assert conn.request('GET', '/users/u1', parse=False) == (200, b'{"a": 1}')
    conn.close()
    server.join()
    post, get = server.requests
    assert post.startswith(b'POST /1.1/users HTTP/1.1\r\n')
    headers = (b'X-Auth-Token: key', b'Wazo-Tenant: t1', b'Content-Type: application/json', b'Accept: application/json')
    for header in headers:
        assert header in post and header in get
    assert post.endswith(b'Content-Length: 22\r\n\r\n{"firstname": "Alice"}')
    assert get.startswith(b'GET /1.1/users/u1 HTTP/1.1\r\n') and b'Content-Length' not in get
    assert server.connections == 1


def test_chunked_body_and_bodiless_answers() -> None:
    chunked = (
        b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n'
        b'5;ext=1\r\n{"ite\r\n'
        b'B\r\nms": [1, 2]\r\n'
        b'1\r\n}\r\n'
        b'0\r\nX-Trailer: yes\r\n\r\n'
    )
    no_content = b'HTTP/1.1 204 NO CONTENT\r\nContent-Type: application/json\r\n\r\n'
    head = b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 123\r\n\r\n'
    server = ScriptedServer([chunked, no_content, head, json_response('200 OK', [])])
    conn = Connection(server.port, 'key')
    assert conn.request('GET', '/users') == (200, {'items': [1, 2]})
    assert conn.request('PUT', '/users/u1') == (204, None)
    assert conn.request('HEAD', '/users') == (200, None)
    assert conn.request('DELETE', '/users/u1') == (200, [])
    conn.close()
    server.join()
    assert server.requests[1].endswith(b'Content-Length: 0\r\n\r\n')  # PUT without a body
    assert b'Content-Length' not in server.requests[3]
    assert server.connections == 1


def _two_answers_on_two_connections(script: list) -> None:
    server = ScriptedServer(script)
    conn = Connection(server.port, 'key')
    assert conn.request('GET', '/x') == (200, {'n': 1})
    assert conn.request('GET', '/x') == (200, {'n': 2})
    conn.close()
    server.join()
    assert server.connections == 2


def test_reconnects_once_when_the_server_closed_the_connection() -> None:
    # First connection: one answer, then closed on the next request; second: one answer.
    _two_answers_on_two_connections([json_response('200 OK', {'n': 1}), None, json_response('200 OK', {'n': 2})])


def test_gives_up_after_the_second_closed_connection() -> None:
    server = ScriptedServer([None, None])
    conn = Connection(server.port, 'key')
    with pytest.raises(RemoteDisconnected):
        conn.request('GET', '/x')
    server.join()
    assert server.connections == 2


def test_connection_close_answer_opens_a_new_connection() -> None:
    _two_answers_on_two_connections(
        [
            json_response('200 OK', {'n': 1}, b'Connection: close\r\n'),
            json_response('200 OK', {'n': 2}),
        ]
    )


def test_non_json_body_is_none_when_parsed() -> None:
    text = b'HTTP/1.1 500 ERR\r\nContent-Type: text/html\r\nContent-Length: 4\r\n\r\noops'
    server = ScriptedServer([text])
    conn = Connection(server.port, 'key')
    assert conn.request('GET', '/x') == (500, None)
    conn.close()
    server.join()


def test_run_keeps_what_existed_before_it_out_of_the_collector_and_gives_it_back() -> None:
    server = ScriptedServer([json_response('200 OK', {'a': 1})] * 3)
    frozen_during: list[int] = []

    def step(conn: Connection, i: int) -> tuple[bool, str]:
        frozen_during.append(gc.get_freeze_count())
        status, data = conn.request('GET', '/users/1')
        return expect(status, 200, data)

    result = run('freeze', server.port, 'token', 1, 3, step)
    server.join()

    assert (result.requests, result.errors) == (3, 0)
    assert all(count > 0 for count in frozen_during)
    assert gc.get_freeze_count() == 0
