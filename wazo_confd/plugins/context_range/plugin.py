"""The context_ranges plugin: the number ranges of a context, free or all."""

from __future__ import annotations

from wazo_confd.interfaces import CONTEXTS, EXTENSIONS
from wazo_confd.plugin_api import PluginDependencies

from .resource import RANGE_TYPES, range_resource
from .service import ContextRangeService


class Plugin:
    def load(self, deps: PluginDependencies) -> None:
        providers = deps.providers
        service = ContextRangeService(
            context_service=lambda: providers.get(CONTEXTS),
            extension_service=lambda: providers.get(EXTENSIONS),
        )
        for range_type in RANGE_TYPES:
            deps.api.add_resource(
                range_resource(range_type),
                f'/contexts/<int:context_id>/ranges/{range_type}',
                endpoint=f'context{range_type}rangelist',
                resource_class_kwargs={'service': service},
            )
