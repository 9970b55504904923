"""The IAX endpoints plugin: /endpoints/iax, offered to the trunks plugin (`endpoint_iax_service`)."""

from __future__ import annotations

import secrets
import string
from typing import Any

from wazo_confd.interfaces import ENDPOINT_IAX
from wazo_confd.kit.builder import DeclaredPlugin
from wazo_confd.kit.declaration import Events, Resource, search_on
from wazo_confd.kit.projections import trunk_of
from wazo_confd.kit.reloads import Reload
from wazo_confd.kit.service import CRUDService

from .model import EndpointIAX
from .schema import EndpointIAXSchema

NAME_ALPHABET = string.ascii_lowercase + string.digits


class EndpointIAXService(CRUDService):
    """An endpoint created without a name gets a free random one."""

    def create(self, endpoint: EndpointIAX) -> EndpointIAX:
        while not endpoint.name:
            name = ''.join(secrets.choice(NAME_ALPHABET) for _ in range(8))
            if self.dao.find_by(None, name=name) is None:
                endpoint.name = name
        return super().create(endpoint)


def payload(endpoint: Any) -> dict:
    return {'id': endpoint.id, 'tenant_uuid': endpoint.tenant_uuid, 'name': endpoint.name, 'trunk': trunk_of(endpoint)}


ENDPOINTS_IAX = Resource(
    model=EndpointIAX,
    schema=EndpointIAXSchema,
    name='IAXEndpoint',
    label='EndpointIAX',
    url='/endpoints/iax',
    endpoints=('iaxlist', 'endpoint_iax'),
    search=search_on(EndpointIAX, 'name', 'type', 'host', default_sort='name', tiebreak=EndpointIAX.id),
    events=Events('iax_endpoint', 'config.iax_endpoint', payload=payload),
    reloads=(Reload('iax2 reload'),),
    unique=('name',),
    empty_on_create=('trunk',),
    service=EndpointIAXService,
    provides=ENDPOINT_IAX,
    example={'name': 'iaxpeer', 'type': 'peer', 'host': 'pbx.example.com', 'options': [['qualify', 'yes']]},
    update_example={'host': 'dynamic'},
)


class Plugin(DeclaredPlugin):
    resources = (ENDPOINTS_IAX,)
