"""Consul registration events and address lookup."""

from __future__ import annotations

import pytest

from wazo_confd.bus.envelope import marshal
from wazo_confd.discovery import deregistered_event, interface_address, registered_event


def test_registered_event_is_a_service_event_without_tenant() -> None:
    event = registered_event('sid', '10.0.0.1', 9486, ['uuid', 'wazo-confd'])

    _, headers, body = marshal(event, 'origin')

    assert (headers['name'], event.routing_key) == ('service_registered', 'service.registered.wazo-confd')
    assert 'tenant_uuid' not in headers and not any(k.startswith('user_uuid') for k in headers)
    assert body['data'] == {
        'service_name': 'wazo-confd',
        'service_id': 'sid',
        'address': '10.0.0.1',
        'port': 9486,
        'tags': ['uuid', 'wazo-confd'],
    }


def test_deregistered_event_keeps_upstream_routing_key() -> None:
    event = deregistered_event('sid', ['uuid'])

    _, headers, body = marshal(event, 'origin')

    assert headers['name'] == 'service_deregistered'
    assert event.routing_key == 'service.registered.wazo-confd'
    assert body['data'] == {'service_name': 'wazo-confd', 'service_id': 'sid', 'tags': ['uuid']}


def test_auto_address_reads_the_interface() -> None:
    assert interface_address('lo') == '127.0.0.1'


def test_unknown_interface_is_an_error_naming_it() -> None:
    with pytest.raises(ValueError, match='nosuchif0'):
        interface_address('nosuchif0')
