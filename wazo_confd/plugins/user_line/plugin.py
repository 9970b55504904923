"""The user-line associations plugin. Users and lines come from their plugins' providers,
looked up at request time (plugins load in any order)."""

from __future__ import annotations

from wazo_confd.interfaces import USER_LINES
from wazo_confd.plugin_api import PluginDependencies

from .dao import UserLineDao
from .notifier import UserLineNotifier
from .resource import UserLineItem, UserLineList
from .service import UserLineService


class Plugin:
    def load(self, deps: PluginDependencies) -> None:
        service = UserLineService(UserLineDao(deps.database), UserLineNotifier(deps.outbox), deps.providers)
        deps.providers.register(USER_LINES, service)
        kwargs = {'service': service}
        deps.api.add_resource(
            UserLineItem,
            '/users/<int:user_id>/lines/<int:line_id>',
            '/users/<uuid:user_id>/lines/<int:line_id>',
            endpoint='user_lines',
            resource_class_kwargs=kwargs,
        )
        deps.api.add_resource(
            UserLineList,
            '/users/<int:user_id>/lines',
            '/users/<uuid:user_id>/lines',
            endpoint='userlinelist',
            resource_class_kwargs=kwargs,
        )
