"""Consul service discovery, against a stand-in of the consul agent HTTP API."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from .helpers.consul import ConsulStandIn, wait_for
from .helpers.daemon import Daemon, free_port
from .helpers.database import Rows

TOKEN = 'consul-acl-token'


def discovery_daemon(workdir: str, consul_port: int) -> Daemon:
    return Daemon(
        workdir,
        f'sqlite:///{workdir}/confd.sqlite',
        {
            'consul': {'host': '127.0.0.1', 'port': consul_port, 'token': TOKEN},
            'service_discovery': {
                'enabled': True,
                'advertise_address': '127.0.0.1',
                'advertise_port': 19486,
                'ttl_interval': 10,
                'refresh_interval': 1,
                'retry_interval': 1,
                'extra_tags': ['lab'],
            },
        },
    )


def outbox(daemon: Daemon, name: str) -> list[dict]:
    rows = Rows(daemon.db_uri)
    try:
        found = rows.all('SELECT routing_key, headers, body FROM outbox_event WHERE name = :name', name=name)
    finally:
        rows.dispose()
    return [{k: json.loads(v) if isinstance(v, str) and k != 'routing_key' else v for k, v in r.items()} for r in found]


@pytest.fixture(scope='module')
def consul() -> Iterator[ConsulStandIn]:
    stand_in = ConsulStandIn(free_port()).start()
    yield stand_in
    stand_in.stop()


@pytest.fixture(scope='module')
def registered(consul: ConsulStandIn, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Daemon]:
    daemon = discovery_daemon(str(tmp_path_factory.mktemp('discovery')), consul.port).start()
    wait_for(lambda: consul.services)
    yield daemon
    daemon.stop()


def platform_uuid(daemon: Daemon) -> str:
    return daemon.client().get('/infos').json()['uuid']


def test_registers_the_service_with_its_tags_and_a_ttl_check(registered: Daemon, consul: ConsulStandIn) -> None:
    [service] = consul.services.values()

    assert service['name'] == 'wazo-confd'
    assert service['tags'] == [platform_uuid(registered), 'wazo-confd', 'lab']
    assert (service['address'], service['port']) == ('127.0.0.1', 19486)
    assert service['checks'] == [{'ttl': '10s'}]
    register = next(r for r in consul.requests if r[1] == '/v1/agent/service/register')
    assert register[2].get('X-Consul-Token') == TOKEN


def test_passes_the_ttl_check_every_refresh_interval(registered: Daemon, consul: ConsulStandIn) -> None:
    [service_id] = consul.services
    passes = wait_for(
        lambda: len(consul.passes.get(f'service:{service_id}', [])) >= 3 and consul.passes[f'service:{service_id}']
    )

    gaps = [b - a for a, b in zip(passes[1:], passes[2:], strict=False)]
    assert all(0.7 < gap < 2.5 for gap in gaps), gaps


def test_writes_service_registered_to_the_outbox(registered: Daemon, consul: ConsulStandIn) -> None:
    [service_id] = consul.services

    [event] = wait_for(lambda: outbox(registered, 'service_registered'))

    assert event['routing_key'] == 'service.registered.wazo-confd'
    assert 'tenant_uuid' not in event['headers']
    assert event['headers']['required_acl'] == 'events.service.registered.wazo-confd'
    assert event['body']['data'] == {
        'service_name': 'wazo-confd',
        'service_id': service_id,
        'address': '127.0.0.1',
        'port': 19486,
        'tags': [platform_uuid(registered), 'wazo-confd', 'lab'],
    }


def test_registers_once_consul_comes_up_after_the_start(workdir: str) -> None:
    consul = ConsulStandIn(free_port())
    daemon = discovery_daemon(workdir, consul.port).start()
    try:
        wait_for(lambda: 'consul registration of wazo-confd failed' in daemon.log())
        assert daemon.client().get('/infos').status_code == 200

        consul.start()

        wait_for(lambda: consul.services, timeout=10)
    finally:
        daemon.stop()
        consul.stop()


def test_deregisters_on_sigterm_and_writes_service_deregistered(workdir: str) -> None:
    consul = ConsulStandIn(free_port()).start()
    daemon = discovery_daemon(workdir, consul.port).start()
    try:
        [service_id] = wait_for(lambda: list(consul.services))

        assert daemon.stop() == 0

        assert f'PUT /v1/agent/service/deregister/{service_id}' in consul.routes()
        assert consul.services == {}
        [event] = outbox(daemon, 'service_deregistered')
        assert event['body']['data']['service_id'] == service_id
        assert event['body']['data']['tags'][1:] == ['wazo-confd', 'lab']
    finally:
        daemon.stop()
        consul.stop()
