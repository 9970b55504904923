"""The contexts plugin: /contexts, and the `context_service` offered to other plugins."""

from __future__ import annotations

from wazo_confd import interfaces
from wazo_confd.kit.builder import DeclaredPlugin
from wazo_confd.kit.declaration import Events, Resource, search_on
from wazo_confd.kit.reloads import Reload

from .dao import ContextDao
from .model import Context
from .schema import ContextSchema
from .service import ContextService

CONTEXTS = Resource(
    model=Context,
    schema=ContextSchema,
    url='/contexts',
    endpoints=('contextlist', 'contexts'),
    head=True,
    search=search_on(Context, 'id', 'description', 'name', 'label', 'type', default_sort='id'),
    events=Events('context', 'config.contexts', payload=('id', 'name', 'type', 'tenant_uuid')),
    reloads=(Reload('dialplan reload'),),
    # Objects name their context by its generated name.
    referred_by='name',
    dao=ContextDao,
    service=ContextService,
    provides=interfaces.CONTEXTS,
    example={'label': 'Office', 'type': 'internal', 'user_ranges': [{'start': '1000', 'end': '1999'}]},
    update_example={'label': 'Head office'},
)


class Plugin(DeclaredPlugin):
    resources = (CONTEXTS,)
