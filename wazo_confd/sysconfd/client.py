"""Sends reload requests to wazo-sysconfd: one POST /exec_request_handlers per batch."""

from __future__ import annotations

from collections.abc import Sequence

import requests

from .model import SysconfdRequest
from .requests import merge_handlers

TIMEOUT = 10.0


def request_body(rows: Sequence[SysconfdRequest]) -> dict[str, list[str]]:
    """The batch's commands, deduplicated, in commit order, with upstream's fixed keys."""
    body: dict[str, list[str]] = {'ipbx': [], 'agentbus': []}
    for row in rows:
        merge_handlers(body, row.handlers)
    return body


class SysconfdSink:
    """A relay sink: a batch counts as sent once wazo-sysconfd answered 2xx."""

    def __init__(self, sysconfd: dict):
        self._base_url = f'http://{sysconfd["host"]}:{sysconfd["port"]}'
        self._session = requests.Session()
        self._session.trust_env = False

    def send(self, rows: Sequence[SysconfdRequest]) -> None:
        response = self._session.post(
            f'{self._base_url}/exec_request_handlers', json=request_body(rows), timeout=TIMEOUT
        )
        response.raise_for_status()

    def check(self) -> None:
        response = self._session.get(f'{self._base_url}/status', timeout=TIMEOUT)
        response.raise_for_status()

    def close(self) -> None:
        self._session.close()
