"""The users plugin: /users, and the user service offered to other plugins."""

from __future__ import annotations

from typing import Any, cast

from wazo_confd.interfaces import USERS
from wazo_confd.kit.builder import Built, DeclaredPlugin
from wazo_confd.kit.declaration import Events, Resource
from wazo_confd.kit.reloads import Reload
from wazo_confd.plugin_api import PluginDependencies

from .call_services import add_call_service_routes
from .dao import SEARCH, UserDao
from .model import User
from .resource import UserItem, UserList
from .schema import UserSchema
from .service import UserService
from .validator import build_validator


def payload(user: Any) -> dict:
    return {
        'id': user.id,
        'uuid': user.uuid,
        'subscription_type': user.subscription_type,
        'created_at': str(user.created_at) if user.created_at is not None else None,
        'tenant_uuid': user.tenant_uuid,
    }


USERS_RESOURCE = Resource(
    model=User,
    schema=UserSchema,
    url='/users',
    endpoints=('users_list', 'users'),
    id='uuid-or-int',
    head=True,
    search=SEARCH,
    ids_query='uuid',
    events=Events('user', 'config.user', payload=payload),
    reloads=(
        Reload(
            'dialplan reload', 'module reload chan_sccp.so', 'module reload app_queue.so', 'module reload res_pjsip.so'
        ),
    ),
    validators=build_validator,
    # Nothing but the user's own row exists on create: no line nor voicemail yet (the call
    # permissions plugin declares its own `call_permissions` so).
    empty_on_create=('lines', 'voicemail'),
    dao=UserDao,
    service=UserService,
    list_resource=UserList,
    item_resource=UserItem,
    provides=USERS,
)


class Plugin(DeclaredPlugin):
    resources = (USERS_RESOURCE,)

    def loaded(self, built: Built, deps: PluginDependencies) -> None:
        add_call_service_routes(cast(UserService, built.service), deps)
