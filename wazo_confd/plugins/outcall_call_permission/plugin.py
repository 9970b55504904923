"""The outcall-call permission association:
/outcalls/{outcall_id}/callpermissions/{call_permission_id}. Outcalls and call
permissions come from their plugins' providers, looked up at request time."""

from __future__ import annotations

from wazo_confd.interfaces import CALL_PERMISSIONS, OUTCALLS
from wazo_confd.kit.association import Association
from wazo_confd.kit.builder import DeclaredPlugin
from wazo_confd.kit.contributions import contributions
from wazo_confd.kit.link_table import LinkTable
from wazo_confd.kit.projections import many
from wazo_confd.kit.schema import relation
from wazo_confd.plugin_api import PluginDependencies

from .model import OutcallCallPermission

CallPermissionRelation = relation('callpermissions', 'id', 'tenant_uuid', 'name')
OutcallRelation = relation('outcalls', 'id', 'name')

OUTCALL_CALL_PERMISSION = Association(
    url='/outcalls/<int:outcall_id>/callpermissions/<int:call_permission_id>',
    endpoint='outcall_call_permissions',
    left=OUTCALLS,
    right=CALL_PERMISSIONS,
    label='OutcallCallPermissionAssociation',
    # The outcall row is locked first (kit): two concurrent links of one pair meet there.
    table=LinkTable(OutcallCallPermission, 'outcall_id', 'call_permission_id'),
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
