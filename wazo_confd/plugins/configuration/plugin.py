"""The configuration plugin: the live reload setting."""

from __future__ import annotations

from wazo_confd.plugin_api import PluginDependencies

from .notifier import LiveReloadNotifier
from .resource import LiveReloadResource
from .service import LiveReloadService


class Plugin:
    def load(self, deps: PluginDependencies) -> None:
        service = LiveReloadService(deps.database, LiveReloadNotifier(deps.outbox))
        deps.api.add_resource(
            LiveReloadResource,
            '/configuration/live_reload',
            endpoint='livereloadresource',
            resource_class_kwargs={'service': service},
        )
