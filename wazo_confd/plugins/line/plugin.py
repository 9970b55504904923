"""The lines plugin: /lines, and the line service offered to association plugins."""

from __future__ import annotations

from wazo_confd.interfaces import LINE_CALLER_IDS, LINES
from wazo_confd.kit.builder import Built, DeclaredPlugin
from wazo_confd.kit.declaration import Events, Resource
from wazo_confd.kit.reloads import Reload
from wazo_confd.plugin_api import PluginDependencies

from .cache import refresh_caller_ids
from .caller_id import MainUserCallerIds
from .dao import SEARCH, LineDao
from .model import Line
from .resource import LineItem, LineList
from .schema import LineSchema, event_payload
from .service import LineService
from .validator import build_validator

LINES_RESOURCE = Resource(
    model=Line,
    schema=LineSchema,
    url='/lines',
    endpoints=('linelist', 'lines'),
    search=SEARCH,
    events=Events('line', 'config.line', payload=event_payload),
    reloads=(Reload('module reload res_pjsip.so', 'dialplan reload', 'module reload chan_sccp.so'),),
    validators=build_validator,
    dao=LineDao,
    service=LineService,
    list_resource=LineList,
    tenant_from='context',
    item_resource=LineItem,
    empty_on_create=('users', 'extensions'),
    provides=LINES,
)


class Plugin(DeclaredPlugin):
    resources = (LINES_RESOURCE,)

    def loaded(self, built: Built, deps: PluginDependencies) -> None:
        deps.database.before_flush(refresh_caller_ids)
        deps.providers.register(LINE_CALLER_IDS, MainUserCallerIds())
