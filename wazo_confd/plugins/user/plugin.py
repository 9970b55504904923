"""The users plugin: routes, and the user service offered to other plugins."""

from __future__ import annotations

from wazo_confd.interfaces import USERS
from wazo_confd.kit.contributions import contributions
from wazo_confd.plugin_api import PluginDependencies

from .dao import UserDao
from .notifier import UserNotifier
from .resource import UserItem, UserList
from .schema import UserSchema
from .service import UserService
from .validator import build_validator


class Plugin:
    def load(self, deps: PluginDependencies) -> None:
        dao = UserDao(deps.database)
        service = UserService(dao, build_validator(dao), UserNotifier(deps.outbox), deps.providers)
        service.schema = UserSchema
        deps.providers.register(USERS, service)
        contributions(deps.providers).offer('users', UserSchema)
        kwargs = {'service': service}
        deps.api.add_resource(UserList, '/users', endpoint='users_list', resource_class_kwargs=kwargs)
        deps.api.add_resource(
            UserItem, '/users/<uuid:id>', '/users/<int:id>', endpoint='users', resource_class_kwargs=kwargs
        )
