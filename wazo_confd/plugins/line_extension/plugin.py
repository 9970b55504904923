"""The line_extensions plugin: link lines and extensions (needs lines and extensions)."""

from __future__ import annotations

import logging

from wazo_confd.interfaces import LINE_EXTENSIONS
from wazo_confd.plugin_api import PluginDependencies

from .dao import LineExtensionDao
from .notifier import LineExtensionNotifier
from .resource import LineExtensionItem, LineExtensionList
from .service import LineExtensionService

logger = logging.getLogger(__name__)
REQUIRED_PLUGINS = ('lines', 'extensions')


class Plugin:
    def load(self, deps: PluginDependencies) -> None:
        enabled = deps.config.get('enabled_plugins', {})
        missing = [name for name in REQUIRED_PLUGINS if not enabled.get(name)]
        if missing:
            logger.warning('line_extension routes not added: plugins %s are disabled', ', '.join(missing))
            return
        service = LineExtensionService(
            LineExtensionDao(deps.database), LineExtensionNotifier(deps.outbox), deps.providers
        )
        deps.providers.register(LINE_EXTENSIONS, service)
        deps.api.add_resource(
            LineExtensionItem,
            '/lines/<int:line_id>/extensions/<int:extension_id>',
            endpoint='line_extensions',
            resource_class_kwargs={'service': service},
        )
        deps.api.add_resource(
            LineExtensionList,
            '/lines/<int:line_id>/extensions',
            endpoint='lineextensionlist',
            resource_class_kwargs={'service': service},
        )
