"""HTTP resources of /endpoints/sccp."""

from __future__ import annotations

from wazo_confd.kit.resource import ItemResource, ListResource

from .model import EndpointSCCP
from .schema import EndpointSCCPSchema


class EndpointSCCPList(ListResource):
    acls = {'get': 'confd.endpoints.sccp.read', 'post': 'confd.endpoints.sccp.create'}
    schema = EndpointSCCPSchema
    model = EndpointSCCP
    item_endpoint = 'endpoint_sccp'


class EndpointSCCPItem(ItemResource):
    acls = {
        'get': 'confd.endpoints.sccp.{id}.read',
        'put': 'confd.endpoints.sccp.{id}.update',
        'delete': 'confd.endpoints.sccp.{id}.delete',
    }
    schema = EndpointSCCPSchema
