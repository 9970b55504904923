"""HTTP resources of /extensions and /extensions/{id}."""

from __future__ import annotations

from wazo_confd.kit.resource import ItemResource, ListResource

from .model import Extension
from .schema import ExtensionSchema


class ExtensionList(ListResource):
    acls = {'get': 'confd.extensions.read', 'post': 'confd.extensions.create'}
    schema = ExtensionSchema
    model = Extension
    item_endpoint = 'extensions'


class ExtensionItem(ItemResource):
    acls = {
        'get': 'confd.extensions.{id}.read',
        'head': 'confd.extensions.{id}.read',
        'put': 'confd.extensions.{id}.update',
        'delete': 'confd.extensions.{id}.delete',
    }
    schema = ExtensionSchema
