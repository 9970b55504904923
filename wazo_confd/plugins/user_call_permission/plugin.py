"""The user-call permission association: /users/{user_id}/callpermissions/{call_permission_id}.
Users and call permissions come from their plugins' providers, looked up at request time."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session, object_session

from wazo_confd.interfaces import CALL_PERMISSIONS, USERS
from wazo_confd.kit.association import Association, AssociationService
from wazo_confd.kit.builder import DeclaredPlugin

from .model import UserCallPermission


class UserCallPermissionService(AssociationService):
    """The user row is locked first (kit): two concurrent links of one pair meet there."""

    def linked(self, user: Any, call_permission: Any) -> bool:
        query = select(UserCallPermission.user_id).where(
            UserCallPermission.user_id == user.id,
            UserCallPermission.call_permission_id == call_permission.id,
        )
        return self._session(call_permission).execute(query).first() is not None

    def link(self, user: Any, call_permission: Any) -> None:
        values = {'user_id': user.id, 'call_permission_id': call_permission.id}
        self._session(call_permission).execute(insert(UserCallPermission).values(values))

    def unlink(self, user: Any, call_permission: Any) -> None:
        self._session(call_permission).execute(
            delete(UserCallPermission).where(
                UserCallPermission.user_id == user.id,
                UserCallPermission.call_permission_id == call_permission.id,
            )
        )

    def _session(self, call_permission: Any) -> Session:
        # The request's session, the one that loaded both sides.
        session = object_session(call_permission)
        assert session is not None
        return session


USER_CALL_PERMISSION = Association(
    url='/users/<uuid-or-int:user_id>/callpermissions/<int:call_permission_id>',
    endpoint='user_call_permissions',
    left=USERS,
    right=CALL_PERMISSIONS,
    label='UserCallPermissionAssociation',
    service=UserCallPermissionService,
    sides=('user', 'call_permission'),
    event='user_call_permission',
    routing='config.users.{left.uuid}.callpermissions',
    payload=lambda user, call_permission: {'user_uuid': user.uuid, 'call_permission_id': call_permission.id},
    family='user',
)


class Plugin(DeclaredPlugin):
    associations = (USER_CALL_PERMISSION,)
    requires = ('users', 'call_permissions')
