"""The SCCP endpoints plugin: /endpoints/sccp, and what the lines plugin asks of it
(`endpoint_sccp_service`, `endpoint_sccp_creator`)."""

from __future__ import annotations

from typing import Any

from wazo_confd.interfaces import ENDPOINT_SCCP
from wazo_confd.kit.builder import DeclaredPlugin
from wazo_confd.kit.declaration import Events, Resource, search_on
from wazo_confd.kit.projections import line_of
from wazo_confd.kit.reloads import Reload

from .model import EndpointSCCP
from .schema import EndpointSCCPSchema
from .validator import build_validator


def payload(endpoint: Any) -> dict:
    return {'id': endpoint.id, 'tenant_uuid': endpoint.tenant_uuid, 'line': line_of(endpoint)}


ENDPOINTS_SCCP = Resource(
    model=EndpointSCCP,
    schema=EndpointSCCPSchema,
    name='SCCPEndpoint',
    url='/endpoints/sccp',
    endpoints=('sccplist', 'endpoint_sccp'),
    search=search_on(EndpointSCCP, 'id', default_sort='id', tiebreak=EndpointSCCP.id),
    events=Events('sccp_endpoint', 'config.sccp_endpoint', payload=payload),
    reloads=(Reload('module reload chan_sccp.so', 'dialplan reload'),),
    validators=build_validator,
    empty_on_create=('line',),
    provides=ENDPOINT_SCCP,
    example={'options': [['cid_name', 'Reception']]},
    update_example={'options': [['cid_name', 'changed']]},
)


class Plugin(DeclaredPlugin):
    resources = (ENDPOINTS_SCCP,)
