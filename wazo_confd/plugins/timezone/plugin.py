"""The time zones plugin: GET /timezones."""

from __future__ import annotations

from wazo_confd.plugin_api import PluginDependencies

from .resource import TimezoneList
from .service import TimezoneService


class Plugin:
    def load(self, deps: PluginDependencies) -> None:
        deps.api.add_resource(
            TimezoneList, '/timezones', endpoint='timezonelist', resource_class_kwargs={'service': TimezoneService()}
        )
