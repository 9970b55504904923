"""The custom endpoints plugin: /endpoints/custom, and what the lines plugin asks of it
(`endpoint_custom_service`, `endpoint_custom_creator`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import column, select, table

from wazo_confd.interfaces import ENDPOINT_CUSTOM
from wazo_confd.kit.builder import DeclaredPlugin
from wazo_confd.kit.declaration import Events, Resource, search_on
from wazo_confd.kit.endpoints import EndpointService
from wazo_confd.kit.projections import line_of, trunk_of

from .model import EndpointCustom
from .schema import EndpointCustomSchema


class EndpointCustomService(EndpointService):
    line_name = 'interface'


def payload(endpoint: Any) -> dict:
    return {
        'id': endpoint.id,
        'tenant_uuid': endpoint.tenant_uuid,
        'interface': endpoint.interface,
        'trunk': trunk_of(endpoint),
        'line': line_of(endpoint),
    }


# The lines plugin's table, read by name (no import of that plugin).
_LINE = table('line', column('endpoint_custom_id'), column('context'))


def _line_context() -> Any:
    """Upstream gives a custom endpoint the context of its line: a search column."""
    return select(_LINE.c.context).where(_LINE.c.endpoint_custom_id == EndpointCustom.id).scalar_subquery()


ENDPOINTS_CUSTOM = Resource(
    model=EndpointCustom,
    schema=EndpointCustomSchema,
    name='CustomEndpoint',
    url='/endpoints/custom',
    endpoints=('customlist', 'endpoint_custom'),
    search=search_on(
        EndpointCustom, 'id', 'interface', default_sort='interface', tiebreak=EndpointCustom.id, context=_line_context()
    ),
    events=Events('custom_endpoint', 'config.custom_endpoint', payload=payload),
    # The interface is unique across the platform (it is what Asterisk dials).
    unique=('interface',),
    empty_on_create=('line',),
    service=EndpointCustomService,
    provides=ENDPOINT_CUSTOM,
    example={'interface': 'dahdi/i1/', 'enabled': True},
    update_example={'enabled': False},
)


class Plugin(DeclaredPlugin):
    resources = (ENDPOINTS_CUSTOM,)
