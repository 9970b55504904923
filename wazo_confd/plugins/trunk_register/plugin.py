"""The trunk-registration association: /trunks/{id}/registers/iax/{id}. A trunk has at
most one IAX registration, a registration serves one trunk, and only a trunk with no
endpoint or an IAX one registers."""

from __future__ import annotations

from typing import Any

from wazo_confd.errors import resource_associated
from wazo_confd.interfaces import REGISTER_IAX, TRUNKS
from wazo_confd.kit.association import Association, AssociationService
from wazo_confd.kit.builder import DeclaredPlugin


class TrunkRegisterIAXService(AssociationService):
    def linked(self, trunk: Any, register: Any) -> bool:
        return trunk.register_iax is register

    def validate_link(self, trunk: Any, register: Any) -> None:
        # Registrations belong to no tenant: no tenant to compare.
        if trunk.register_iax is not None:
            raise resource_associated('Trunk', 'IAXRegister', trunk_id=trunk.id, register_iax_id=trunk.register_iax.id)
        other = getattr(register, 'trunk', None)
        if other is not None:
            raise resource_associated('Trunk', 'IAXRegister', trunk_id=other.id, register_iax_id=register.id)
        if trunk.protocol not in (None, 'iax'):
            raise resource_associated('Trunk', 'Endpoint', trunk_id=trunk.id, protocol=trunk.protocol)

    def link(self, trunk: Any, register: Any) -> None:
        trunk.register_iax = register
        self.lefts.dao.edit(trunk)

    def unlink(self, trunk: Any, register: Any) -> None:
        trunk.register_iax = None
        self.lefts.dao.edit(trunk)


TRUNK_REGISTER_IAX = Association(
    url='/trunks/<int:trunk_id>/registers/iax/<int:register_id>',
    endpoint='trunk_register_iax',
    left=TRUNKS,
    right=REGISTER_IAX,
    label='TrunkRegisterIAX',
    service=TrunkRegisterIAXService,
    sides=('trunk', 'register'),
    event='trunk_register_iax',
    routing='config.trunks.registers.iax',
    payload=lambda trunk, register: {'trunk_id': trunk.id, 'register_id': register.id},
)


class Plugin(DeclaredPlugin):
    associations = (TRUNK_REGISTER_IAX,)
    requires = ('trunks', 'registers_iax')
