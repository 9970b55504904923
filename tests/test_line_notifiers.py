"""Each notifier of the line and endpoint plugins records the contract's Asterisk reloads."""

from __future__ import annotations

import pytest

from wazo_confd.kit.declaration import Resource
from wazo_confd.kit.reloads import Change, requested
from wazo_confd.plugins.endpoint_custom.plugin import ENDPOINTS_CUSTOM
from wazo_confd.plugins.endpoint_sccp.plugin import ENDPOINTS_SCCP
from wazo_confd.plugins.endpoint_sip.plugin import ENDPOINTS_SIP, SIP_TEMPLATES
from wazo_confd.plugins.line.plugin import LINES_RESOURCE
from wazo_confd.plugins.line_endpoint.plugin import ASSOCIATIONS
from wazo_confd.plugins.user_line.plugin import USER_LINE


@pytest.mark.parametrize('action', ['created', 'edited', 'deleted'])
@pytest.mark.parametrize(
    'declaration, commands',
    [
        (ENDPOINTS_SCCP, {'ipbx': ['module reload chan_sccp.so', 'dialplan reload']}),
        (ENDPOINTS_CUSTOM, {}),
        (LINES_RESOURCE, {'ipbx': ['module reload res_pjsip.so', 'dialplan reload', 'module reload chan_sccp.so']}),
        (ENDPOINTS_SIP, {'ipbx': ['module reload res_pjsip.so', 'dialplan reload']}),
        (SIP_TEMPLATES, {'ipbx': ['module reload res_pjsip.so', 'dialplan reload']}),
    ],
)
def test_declared_endpoints_request_the_contract_reloads(declaration: Resource, commands: dict, action: str) -> None:
    assert requested(declaration.reloads, Change(action, None)) == commands


@pytest.mark.parametrize('action', ['associated', 'dissociated'])
def test_line_endpoint_links_request_the_contract_reloads_of_their_kind(action: str) -> None:
    sip, sccp, custom = (requested(a.reloads, Change(action, None)) for a in ASSOCIATIONS)

    assert sip == {'ipbx': ['module reload res_pjsip.so']}
    assert sccp == {'ipbx': ['module reload chan_sccp.so']}
    assert custom == {}


@pytest.mark.parametrize('action', ['associated', 'dissociated'])
def test_user_line_links_request_the_contract_reloads(action: str) -> None:
    assert requested(USER_LINE.reloads, Change(action, None)) == {
        'ipbx': ['dialplan reload', 'module reload res_pjsip.so']
    }
