"""The outcalls plugin: /outcalls, and the `outcall_service` offered to the association plugins."""

from __future__ import annotations

from typing import Any

from wazo_confd.interfaces import OUTCALLS
from wazo_confd.kit.builder import Built, DeclaredPlugin
from wazo_confd.kit.contributions import contributions
from wazo_confd.kit.declaration import Events, Resource, search_on
from wazo_confd.kit.extension_owners import extension_owners
from wazo_confd.kit.projections import one
from wazo_confd.plugin_api import PluginDependencies

from .dao import OWNER, OutcallDao
from .model import Outcall
from .schema import OutcallRelation, OutcallSchema
from .service import OutcallService

OUTCALLS_RESOURCE = Resource(
    model=Outcall,
    schema=OutcallSchema,
    url='/outcalls',
    endpoints=('outcalllist', 'outcalls'),
    search=search_on(Outcall, 'id', 'description', 'name', 'preprocess_subroutine', default_sort='id'),
    events=Events('outcall', 'config.outcalls', payload=('id',)),
    unique=('name',),
    empty_on_create=('extensions',),
    dao=OutcallDao,
    service=OutcallService,
    provides=OUTCALLS,
    example={'name': 'to-the-world', 'description': 'Outgoing calls', 'ring_time': 30},
    update_example={'description': 'Calls to the outside'},
)


class Plugin(DeclaredPlugin):
    resources = (OUTCALLS_RESOURCE,)

    def loaded(self, built: Built, deps: PluginDependencies) -> None:
        # The outcall an extension leads to (the `outcall` relationship this plugin maps).
        contributions(deps.providers).contribute('extensions', 'outcall', one(OutcallRelation))
        # Upstream names a bound extension's dial pattern in errors (its `typeval`).
        extension_owners(deps.providers).register(OWNER, dial_pattern_id)


def dial_pattern_id(extension: Any) -> str | None:
    outcall = getattr(extension, 'outcall', None)
    patterns = [] if outcall is None else outcall.extensions
    return next((str(p.id) for p in patterns if p.extension_id == extension.id), None)
