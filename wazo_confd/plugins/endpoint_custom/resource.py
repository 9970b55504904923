"""HTTP resources of /endpoints/custom."""

from __future__ import annotations

from wazo_confd.kit.resource import ItemResource, ListResource

from .model import EndpointCustom
from .schema import EndpointCustomSchema


class EndpointCustomList(ListResource):
    acls = {'get': 'confd.endpoints.custom.read', 'post': 'confd.endpoints.custom.create'}
    schema = EndpointCustomSchema
    model = EndpointCustom
    item_endpoint = 'endpoint_custom'


class EndpointCustomItem(ItemResource):
    acls = {
        'get': 'confd.endpoints.custom.{id}.read',
        'put': 'confd.endpoints.custom.{id}.update',
        'delete': 'confd.endpoints.custom.{id}.delete',
    }
    schema = EndpointCustomSchema
