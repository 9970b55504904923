"""The extensions plugin: /extensions, and the `extension_service` and `extension_schema`
offered to other plugins."""

from __future__ import annotations

from wazo_confd.interfaces import EXTENSIONS as EXTENSIONS_KEY
from wazo_confd.kit.builder import DeclaredPlugin
from wazo_confd.kit.declaration import Events, Resource, search_on
from wazo_confd.kit.reloads import Reload, changed

from .dao import EXTENSION_TYPE, ExtensionDao
from .model import Extension
from .schema import ExtensionSchema
from .service import ExtensionService
from .validator import build_validator

EXTENSIONS = Resource(
    model=Extension,
    schema=ExtensionSchema,
    url='/extensions',
    endpoints=('extensionlist', 'extensions'),
    head=True,
    # Migration 0950: counted, the serial counting exten changes.
    search=search_on(
        Extension,
        'exten',
        'context',
        default_sort='exten',
        tiebreak=Extension.id,
        counted=True,
        anchored=('exten',),
        type=EXTENSION_TYPE,
    ),
    events=Events('extension', 'config.extensions', payload=('id', 'exten', 'context')),
    reloads=(
        Reload('dialplan reload', on=('created', 'deleted')),
        Reload(
            'dialplan reload',
            'module reload res_pjsip.so',
            'module reload chan_sccp.so',
            'module reload app_queue.so',
            on='edited',
            when=changed(),
        ),
    ),
    unique=(('exten', 'context'),),
    validators=build_validator,
    tenant_from='context',
    empty_on_create=('lines', 'outcall'),
    dao=ExtensionDao,
    service=ExtensionService,
    provides=EXTENSIONS_KEY,
    example={'exten': '1000', 'context': 'default', 'enabled': True},
    update_example={'enabled': False},
    example_refs={'context': ('/contexts', 'name')},
)


class Plugin(DeclaredPlugin):
    resources = (EXTENSIONS,)
