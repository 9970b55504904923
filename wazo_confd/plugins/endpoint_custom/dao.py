"""SQL for custom endpoints."""

from __future__ import annotations

from wazo_confd.database.search import SearchConfig
from wazo_confd.kit.dao import CRUDDao

from .model import EndpointCustom

SEARCH = SearchConfig(
    columns={'id': EndpointCustom.id, 'interface': EndpointCustom.interface},
    search=['interface'],
    default_sort='interface',
    tiebreak=EndpointCustom.id,
)


class EndpointCustomDao(CRUDDao[EndpointCustom]):
    model = EndpointCustom
    empty_on_create = ('line',)
    resource_name = 'CustomEndpoint'
    search_config = SEARCH
