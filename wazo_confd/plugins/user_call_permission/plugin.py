"""The user-call permission association: /users/{user_id}/callpermissions/{call_permission_id}.
Users and call permissions come from their plugins' providers, looked up at request time."""

from __future__ import annotations

from wazo_confd.interfaces import CALL_PERMISSIONS, USERS
from wazo_confd.kit.association import Association
from wazo_confd.kit.builder import DeclaredPlugin
from wazo_confd.kit.link_table import LinkTable

from .model import UserCallPermission

USER_CALL_PERMISSION = Association(
    url='/users/<uuid-or-int:user_id>/callpermissions/<int:call_permission_id>',
    endpoint='user_call_permissions',
    left=USERS,
    right=CALL_PERMISSIONS,
    label='UserCallPermissionAssociation',
    # The user row is locked first (kit): two concurrent links of one pair meet there.
    table=LinkTable(UserCallPermission, 'user_id', 'call_permission_id'),
    sides=('user', 'call_permission'),
    event='user_call_permission',
    routing='config.users.{left.uuid}.callpermissions',
    payload=lambda user, call_permission: {'user_uuid': user.uuid, 'call_permission_id': call_permission.id},
    family='user',
)


class Plugin(DeclaredPlugin):
    associations = (USER_CALL_PERMISSION,)
    requires = ('users', 'call_permissions')
