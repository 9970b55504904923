"""The extensions plugin: routes, and the extension service offered to other plugins."""

from __future__ import annotations

from typing import Any

from wazo_confd.plugin_api import PluginDependencies

from .dao import ExtensionDao
from .notifier import ExtensionNotifier
from .resource import ExtensionItem, ExtensionList
from .schema import ExtensionSchema
from .service import ExtensionService
from .validator import build_validator


class Plugin:
    def load(self, deps: PluginDependencies) -> None:
        def find_context(name: str, tenant_uuid: str) -> Any:
            # Looked up at request time: the contexts plugin may load after this one.
            return deps.providers.get('context_service').find_in_subtree(name, tenant_uuid)

        dao = ExtensionDao(deps.database)
        notifier = ExtensionNotifier(deps.outbox)
        service = ExtensionService(dao, build_validator(dao, find_context), notifier, find_context)
        deps.providers.register('extension_service', service)
        service.schema = ExtensionSchema
        kwargs = {'service': service}
        deps.api.add_resource(ExtensionList, '/extensions', endpoint='extensionlist', resource_class_kwargs=kwargs)
        deps.api.add_resource(
            ExtensionItem, '/extensions/<int:id>', endpoint='extensions', resource_class_kwargs=kwargs
        )
