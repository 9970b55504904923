"""HTTP resources of /contexts and /contexts/{id}."""

from __future__ import annotations

from wazo_confd.kit.resource import ItemResource, ListResource

from .model import Context
from .schema import ContextSchema


class ContextList(ListResource):
    acls = {'get': 'confd.contexts.read', 'post': 'confd.contexts.create'}
    schema = ContextSchema
    model = Context
    item_endpoint = 'contexts'


class ContextItem(ItemResource):
    acls = {
        'get': 'confd.contexts.{id}.read',
        'head': 'confd.contexts.{id}.read',
        'put': 'confd.contexts.{id}.update',
        'delete': 'confd.contexts.{id}.delete',
    }
    schema = ContextSchema
