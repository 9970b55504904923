"""The call permissions plugin: /callpermissions."""

from __future__ import annotations

from wazo_confd.interfaces import CALL_PERMISSIONS
from wazo_confd.kit.builder import Built, DeclaredPlugin
from wazo_confd.kit.contributions import contributions
from wazo_confd.kit.declaration import Events, Resource, search_on
from wazo_confd.kit.projections import many
from wazo_confd.kit.schema import relation
from wazo_confd.plugin_api import PluginDependencies

from .model import CallPermission
from .schema import CallPermissionSchema

# How a user shows its call permissions.
CallPermissionRelation = relation('callpermissions', 'id', 'name')

CALL_PERMISSIONS_RESOURCE = Resource(
    model=CallPermission,
    schema=CallPermissionSchema,
    url='/callpermissions',
    endpoints=('callpermissionlist', 'callpermissions'),
    search=search_on(
        CallPermission,
        'id',
        'name',
        'description',
        'enabled',
        'mode',
        default_sort='name',
        tiebreak=CallPermission.id,
    ),
    events=Events('call_permission', 'config.callpermission', payload=('id',)),
    unique=('name',),
    provides=CALL_PERMISSIONS,
    example={'name': 'no-international', 'mode': 'deny', 'extensions': ['_00.'], 'password': '1234'},
    update_example={'description': 'No calls abroad'},
)


class Plugin(DeclaredPlugin):
    resources = (CALL_PERMISSIONS_RESOURCE,)

    def loaded(self, built: Built, deps: PluginDependencies) -> None:
        # Read through `User.call_permissions`, the backref of `CallPermission.users`; a
        # user just created has none (links written by other requests).
        contributions(deps.providers).contribute(
            'users', 'call_permissions', many(CallPermissionRelation), empty_on_create=True
        )
