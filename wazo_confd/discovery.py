"""Consul service discovery: register wazo-confd with a TTL check while it serves.

Once the REST API answers, the service `wazo-confd` is registered with the local consul
agent (tags: the platform uuid, `wazo-confd` and `service_discovery.extra_tags`) and its
TTL check is passed every `refresh_interval` seconds. While consul cannot be reached the
registration is retried every `retry_interval` seconds. On stop the service is
deregistered. `service_registered` / `service_deregistered` events go to the outbox.
"""

from __future__ import annotations

import fcntl
import logging
import socket
import struct
import threading
import uuid
from collections.abc import Callable

import consul
import requests

from wazo_confd.bus.envelope import Event

logger = logging.getLogger(__name__)
SERVICE_NAME = 'wazo-confd'
_SIOCGIFADDR = 0x8915
# What a consul agent that is down, slow or refusing us looks like through py-consul.
_CONSUL_ERRORS = (consul.ConsulException, requests.RequestException, OSError)


def interface_address(interface: str) -> str:
    """The IPv4 address of a network interface (e.g. 'eth0'), read from the kernel."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        request = struct.pack('256s', interface.encode()[:15])
        try:
            answer = fcntl.ioctl(sock.fileno(), _SIOCGIFADDR, request)
        except OSError as e:
            raise ValueError(f'no IPv4 address on interface "{interface}": {e.strerror}') from e
    return socket.inet_ntoa(answer[20:24])


def registered_event(service_id: str, address: str, port: int, tags: list[str]) -> Event:
    data = {'service_name': SERVICE_NAME, 'service_id': service_id, 'address': address, 'port': port, 'tags': tags}
    return Event('service_registered', f'service.registered.{SERVICE_NAME}', data, family='service')


def deregistered_event(service_id: str, tags: list[str]) -> Event:
    data = {'service_name': SERVICE_NAME, 'service_id': service_id, 'tags': tags}
    # Upstream (wazo-bus ServiceDeregisteredEvent) reuses the *registered* routing key.
    return Event('service_deregistered', f'service.registered.{SERVICE_NAME}', data, family='service')


class ServiceRegistration:
    """Keeps the service registered in consul from `start()` to `stop()`."""

    def __init__(
        self,
        config: dict,
        platform_uuid: str,
        publish: Callable[[Event], None],
        api_answers: Callable[[], bool],
    ):
        discovery = config['service_discovery']
        agent = config['consul']
        self._client = consul.Consul(
            host=agent['host'], port=agent['port'], token=agent['token'], scheme=agent['scheme'], verify=agent['verify']
        )
        self._discovery = discovery
        self._publish = publish
        self._api_answers = api_answers
        self.service_id = str(uuid.uuid4())
        self.check_id = f'service:{self.service_id}'
        self.tags = [platform_uuid, SERVICE_NAME, *discovery['extra_tags']]
        self._registered = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name='consul-registration', daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Stop refreshing and deregister (best effort: consul may be gone too)."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        if not self._registered:
            return
        try:
            self._client.agent.service.deregister(self.service_id)
        except _CONSUL_ERRORS as e:
            logger.warning('could not deregister %s from consul: %s', SERVICE_NAME, e)
        else:
            logger.info('deregistered %s (%s) from consul', SERVICE_NAME, self.service_id)
        self._registered = False
        self._publish(deregistered_event(self.service_id, self.tags))

    def _run(self) -> None:
        retry, refresh = self._discovery['retry_interval'], self._discovery['refresh_interval']
        while not self._stop.is_set() and not self._api_answers():
            self._stop.wait(0.2)
        while not self._stop.is_set():
            try:
                if self._registered:
                    self._client.agent.check.ttl_pass(self.check_id)
                else:
                    self._register()
            except _CONSUL_ERRORS + (ValueError,) as e:
                # A refused TTL pass usually means the agent forgot us (restart): register again.
                logger.warning('consul registration of %s failed, retrying in %ss: %s', SERVICE_NAME, retry, e)
                self._registered = False
                self._stop.wait(retry)
                continue
            self._stop.wait(refresh)

    def _register(self) -> None:
        address = self._advertise_address()
        port = self._discovery['advertise_port']
        ttl = consul.Check.ttl(f'{self._discovery["ttl_interval"]}s')
        self._client.agent.service.register(
            SERVICE_NAME, service_id=self.service_id, address=address, port=port, tags=self.tags, check=ttl
        )
        self._client.agent.check.ttl_pass(self.check_id)
        self._registered = True
        logger.info('registered %s (%s) in consul at %s:%s', SERVICE_NAME, self.service_id, address, port)
        self._publish(registered_event(self.service_id, address, port, self.tags))

    def _advertise_address(self) -> str:
        address = self._discovery['advertise_address']
        if address != 'auto':
            return address
        return interface_address(self._discovery['advertise_address_interface'])
