from __future__ import annotations

from wazo_confd.bus.envelope import Event, escape_routing_value, marshal


def test_tenant_event_headers_and_body() -> None:
    event = Event('user_created', 'config.user.created', {'id': 1}, tenant_uuid='t-1')

    event_id, headers, body = marshal(event, 'origin-1')

    assert headers['name'] == 'user_created'
    assert headers['origin_uuid'] == 'origin-1'
    assert headers['tenant_uuid'] == 't-1'
    assert headers['user_uuid:*'] is True
    assert headers['required_access'] == 'event.user_created'
    assert headers['required_acl'] == 'events.config.user.created'
    assert headers['event_id'] == event_id
    assert 'T' in headers['timestamp']
    assert body['data'] == {'id': 1}
    assert {k: v for k, v in body.items() if k != 'data'} == {k: v for k, v in headers.items() if k != 'event_id'}


def test_user_event_targets_one_user() -> None:
    event = Event('x', 'config.x', {}, family='user', tenant_uuid='t', user_uuids=['u-1'])

    _, headers, _ = marshal(event, None)

    assert headers['user_uuid:u-1'] is True
    assert 'user_uuid:*' not in headers


def test_service_event_has_no_tenant() -> None:
    _, headers, _ = marshal(Event('service_registered', 'service.registered', {}, family='service'), 'o')

    assert 'tenant_uuid' not in headers


def test_each_event_gets_its_own_id() -> None:
    event = Event('a', 'b', {})

    assert marshal(event, None)[0] != marshal(event, None)[0]


def test_routing_values_are_escaped() -> None:
    assert escape_routing_value('a.b#c*d') == 'a__DOT__b__HASH__c__STAR__d'
