"""The requests of a batch for wazo-sysconfd: the reload commands once each, the mailbox
calls and the reloads in commit order."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from wazo_confd.bus.relay import PartialDelivery
from wazo_confd.sysconfd.client import SysconfdSink, request_body
from wazo_confd.sysconfd.model import SysconfdRequest


def test_batch_body_merges_and_deduplicates_in_order() -> None:
    rows = [
        SysconfdRequest(handlers={'ipbx': ['dialplan reload', 'module reload res_pjsip.so']}),
        SysconfdRequest(handlers={'ipbx': ['module reload app_queue.so', 'dialplan reload']}),
        SysconfdRequest(handlers={'chown_autoprov_config': []}),
    ]

    assert request_body(rows) == {
        'ipbx': ['dialplan reload', 'module reload res_pjsip.so', 'module reload app_queue.so'],
        'agentbus': [],
        'chown_autoprov_config': [],
    }


def test_empty_batch_still_has_the_fixed_keys() -> None:
    assert request_body([]) == {'ipbx': [], 'agentbus': []}


class RecordingSession:
    """Answers like wazo-sysconfd, failing the `fail_at`th request (counting from 0)."""

    def __init__(self, fail_at: int | None = None):
        self.sent: list[tuple[str, Any]] = []
        self.fail_at = fail_at

    def _answer(self, path: str, payload: Any) -> SimpleNamespace:
        if len(self.sent) == self.fail_at:
            raise ConnectionError('sysconfd is down')
        self.sent.append((path.rsplit('/', 1)[1], payload))
        return SimpleNamespace(ok=True, raise_for_status=lambda: None)

    def post(self, url: str, json: Any, timeout: float) -> SimpleNamespace:
        return self._answer(url, json)

    def get(self, url: str, params: Any, timeout: float) -> SimpleNamespace:
        return self._answer(url, params)


def sink_with(session: RecordingSession) -> SysconfdSink:
    sink = SysconfdSink({'host': '127.0.0.1', 'port': 1})
    sink._session = session  # type: ignore[assignment]
    return sink


MOVE = {'path': 'move_voicemail', 'params': {'old_mailbox': '1'}}
ROWS = [
    SysconfdRequest(handlers={'ipbx': ['dialplan reload']}),
    SysconfdRequest(handlers={'ipbx': ['voicemail reload']}, calls=[MOVE]),
    SysconfdRequest(handlers={'ipbx': ['voicemail reload']}),
]


def test_mailbox_calls_come_after_the_reloads_before_them_and_before_their_own() -> None:
    session = RecordingSession()

    sink_with(session).send(ROWS)

    assert session.sent == [
        ('exec_request_handlers', {'ipbx': ['dialplan reload'], 'agentbus': []}),
        ('move_voicemail', {'old_mailbox': '1'}),
        ('exec_request_handlers', {'ipbx': ['voicemail reload'], 'agentbus': []}),
    ]


def test_a_failed_mailbox_call_keeps_the_rows_delivered_before_it() -> None:
    with pytest.raises(PartialDelivery) as failure:
        sink_with(RecordingSession(fail_at=1)).send(ROWS)

    assert failure.value.count == 1


def test_rows_of_mailbox_calls_only_send_no_empty_reload() -> None:
    session = RecordingSession()

    sink_with(session).send([SysconfdRequest(handlers={}, calls=[MOVE])])

    assert session.sent == [('move_voicemail', {'old_mailbox': '1'})]
