"""The contexts plugin: routes, and the context service offered to other plugins."""

from __future__ import annotations

from wazo_confd.plugin_api import PluginDependencies

from .dao import ContextDao
from .notifier import ContextNotifier
from .resource import ContextItem, ContextList
from .service import ContextService
from .validator import build_validator


class Plugin:
    def load(self, deps: PluginDependencies) -> None:
        dao = ContextDao(deps.database)
        service = ContextService(dao, build_validator(dao), ContextNotifier(deps.outbox))
        deps.providers.register('context_service', service)
        kwargs = {'service': service}
        deps.api.add_resource(ContextList, '/contexts', endpoint='contextlist', resource_class_kwargs=kwargs)
        deps.api.add_resource(ContextItem, '/contexts/<int:id>', endpoint='contexts', resource_class_kwargs=kwargs)
