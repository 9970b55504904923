"""The outcall-call permission association:
/outcalls/{outcall_id}/callpermissions/{call_permission_id}. Outcalls and call
permissions come from their plugins' providers, looked up at request time."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select

from wazo_confd.interfaces import CALL_PERMISSIONS, OUTCALLS
from wazo_confd.kit.association import Association, AssociationService
from wazo_confd.kit.builder import DeclaredPlugin
from wazo_confd.kit.contributions import contributions
from wazo_confd.kit.projections import many
from wazo_confd.kit.schema import relation
from wazo_confd.plugin_api import PluginDependencies

from .model import OutcallCallPermission

CallPermissionRelation = relation('callpermissions', 'id', 'tenant_uuid', 'name')
OutcallRelation = relation('outcalls', 'id', 'name')


class OutcallCallPermissionService(AssociationService):
    """The outcall row is locked first (kit): two concurrent links of one pair meet there."""

    def linked(self, outcall: Any, call_permission: Any) -> bool:
        query = select(OutcallCallPermission.outcall_id).where(
            OutcallCallPermission.outcall_id == outcall.id,
            OutcallCallPermission.call_permission_id == call_permission.id,
        )
        return self._session().execute(query).first() is not None

    def link(self, outcall: Any, call_permission: Any) -> None:
        values = {'outcall_id': outcall.id, 'call_permission_id': call_permission.id}
        self._session().execute(insert(OutcallCallPermission).values(values))

    def unlink(self, outcall: Any, call_permission: Any) -> None:
        self._session().execute(
            delete(OutcallCallPermission).where(
                OutcallCallPermission.outcall_id == outcall.id,
                OutcallCallPermission.call_permission_id == call_permission.id,
            )
        )

    def _session(self) -> Any:
        # The request's session, through the call permissions' dao.
        return self.rights.dao.session


OUTCALL_CALL_PERMISSION = Association(
    url='/outcalls/<int:outcall_id>/callpermissions/<int:call_permission_id>',
    endpoint='outcall_call_permissions',
    left=OUTCALLS,
    right=CALL_PERMISSIONS,
    label='OutcallCallPermissionAssociation',
    service=OutcallCallPermissionService,
    sides=('outcall', 'call_permission'),
    event='outcall_call_permission',
    routing='config.outcalls.{left.id}.callpermissions',
    payload=lambda outcall, call_permission: {'outcall_id': outcall.id, 'call_permission_id': call_permission.id},
)


class Plugin(DeclaredPlugin):
    associations = (OUTCALL_CALL_PERMISSION,)
    requires = ('outcalls', 'call_permissions')

    def load(self, deps: PluginDependencies) -> None:
        super().load(deps)
        registry = contributions(deps.providers)
        registry.contribute(
            'outcalls',
            'call_permissions',
            many(CallPermissionRelation),
            get=lambda outcall: [link.call_permission for link in outcall.call_permission_links],
        )
        registry.contribute(
            'callpermissions',
            'outcalls',
            many(OutcallRelation),
            get=lambda call_permission: [link.outcall for link in call_permission.outcall_links],
        )
