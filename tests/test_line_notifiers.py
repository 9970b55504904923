"""Each notifier of the line and endpoint plugins records the contract's Asterisk reloads."""

from __future__ import annotations

import pytest

from wazo_confd.kit.notifier import Notifier
from wazo_confd.plugins.endpoint_custom.notifier import EndpointCustomNotifier
from wazo_confd.plugins.endpoint_sccp.notifier import EndpointSCCPNotifier
from wazo_confd.plugins.endpoint_sip.notifier import EndpointSIPNotifier, SIPTemplateNotifier
from wazo_confd.plugins.line.notifier import LineNotifier
from wazo_confd.plugins.line_endpoint.notifier import LineEndpointNotifier
from wazo_confd.plugins.user_line.notifier import UserLineNotifier


@pytest.mark.parametrize(
    'notifier, commands',
    [
        (LineNotifier, {'ipbx': ['module reload res_pjsip.so', 'dialplan reload', 'module reload chan_sccp.so']}),
        (EndpointSIPNotifier, {'ipbx': ['module reload res_pjsip.so', 'dialplan reload']}),
        (SIPTemplateNotifier, {'ipbx': ['module reload res_pjsip.so', 'dialplan reload']}),
        (EndpointSCCPNotifier, {'ipbx': ['module reload chan_sccp.so', 'dialplan reload']}),
        (EndpointCustomNotifier, {}),
        (LineEndpointNotifier, {'ipbx': ['module reload res_pjsip.so', 'module reload chan_sccp.so']}),
        (UserLineNotifier, {'ipbx': ['dialplan reload', 'module reload res_pjsip.so']}),
    ],
)
def test_reload_commands_are_the_contract_sysconfd_handlers(notifier: type[Notifier], commands: dict) -> None:
    assert notifier.reload_commands == commands
