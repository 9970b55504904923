"""Sends a batch of requests to wazo-sysconfd: each row's mailbox calls (`GET /move_voicemail`,
`GET /delete_voicemail`) in commit order, the reload commands before them in one
POST /exec_request_handlers, and the rest of the batch's reload commands at the end."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import requests

from wazo_confd.bus.relay import PartialDelivery

from .model import SysconfdRequest
from .requests import merge_handlers

logger = logging.getLogger(__name__)

TIMEOUT = 10.0


def request_body(rows: Sequence[SysconfdRequest]) -> dict[str, list[str]]:
    """The batch's commands, deduplicated, in commit order, with upstream's fixed keys."""
    body: dict[str, list[str]] = {'ipbx': [], 'agentbus': []}
    for row in rows:
        merge_handlers(body, row.handlers)
    return body


class SysconfdSink:
    """A relay sink: a row counts as sent once wazo-sysconfd answered its calls and took
    its reload commands (2xx)."""

    def __init__(self, sysconfd: dict):
        self._base_url = f'http://{sysconfd["host"]}:{sysconfd["port"]}'
        self._session = requests.Session()
        self._session.trust_env = False

    def send(self, rows: Sequence[SysconfdRequest]) -> None:
        done = 0  # the rows fully delivered
        for index, row in enumerate(rows):
            if not row.calls:
                continue
            try:
                # The reloads of the rows before go first: commit order.
                self._reload(rows[done:index])
                done = index
                for call in row.calls:
                    self._call(call['path'], call['params'])
            except Exception as e:
                raise PartialDelivery(done, e) from e
        try:
            self._reload(rows[done:])
        except Exception as e:
            raise PartialDelivery(done, e) from e

    def _reload(self, rows: Sequence[SysconfdRequest]) -> None:
        body = request_body(rows)
        if not any(body.values()):
            return
        response = self._session.post(f'{self._base_url}/exec_request_handlers', json=body, timeout=TIMEOUT)
        response.raise_for_status()

    def _call(self, path: str, params: dict[str, str]) -> None:
        # Any answer counts: an error about a mailbox (no directory yet, say) stays the same
        # however often the call is repeated, and would hold back every request after it.
        response = self._session.get(f'{self._base_url}/{path}', params=params, timeout=TIMEOUT)
        if not response.ok:
            logger.warning('wazo-sysconfd answered %s to %s %s', response.status_code, path, params)

    def check(self) -> None:
        response = self._session.get(f'{self._base_url}/status', timeout=TIMEOUT)
        response.raise_for_status()

    def close(self) -> None:
        self._session.close()
