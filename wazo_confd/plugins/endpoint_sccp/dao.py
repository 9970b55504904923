"""SQL for SCCP endpoints."""

from __future__ import annotations

from wazo_confd.database.search import SearchConfig
from wazo_confd.kit.dao import CRUDDao

from .model import EndpointSCCP

SEARCH = SearchConfig(columns={'id': EndpointSCCP.id}, search=[], default_sort='id', tiebreak=EndpointSCCP.id)


class EndpointSCCPDao(CRUDDao[EndpointSCCP]):
    model = EndpointSCCP
    empty_on_create = ('line',)
    resource_name = 'SCCPEndpoint'
    search_config = SEARCH
