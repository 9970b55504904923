"""The body of POST /exec_request_handlers: one per batch, commands once each, commit order."""

from __future__ import annotations

from wazo_confd.sysconfd.client import request_body
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
