"""HTTP resources of /lines and /lines/{id}."""

from __future__ import annotations

from wazo_confd.kit.resource import ItemResource, ListResource

from .model import Line
from .schema import LineSchema


class LineList(ListResource):
    acls = {'get': 'confd.lines.read', 'post': 'confd.lines.create'}
    schema = LineSchema
    model = Line
    item_endpoint = 'lines'


class LineItem(ItemResource):
    acls = {
        'get': 'confd.lines.{id}.read',
        'put': 'confd.lines.{id}.update',
        'delete': 'confd.lines.{id}.delete',
    }
    schema = LineSchema
