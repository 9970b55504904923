"""The outcall-extension association: /outcalls/{outcall_id}/extensions/{extension_id},
an extension of an outcall context made a dial pattern of the outcall."""

from __future__ import annotations

from typing import Any

from wazo_confd.errors import ResourceError, resource_associated
from wazo_confd.interfaces import CONTEXTS, EXTENSIONS, OUTCALLS
from wazo_confd.kit.association import Association, AssociationService, check_same_tenant
from wazo_confd.kit.builder import DeclaredPlugin
from wazo_confd.kit.extension_owners import extension_owners
from wazo_confd.kit.reloads import Reload

from .schema import OutcallExtensionSchema


class OutcallExtensionService(AssociationService):
    def linked(self, outcall: Any, extension: Any) -> bool:
        return self.lefts.dial_pattern(outcall, extension) is not None

    def associate_with(self, outcall: Any, extension: Any, form: dict) -> None:
        """Link them (an event and a dialplan reload), or quietly change the dial pattern
        of a link that exists, as upstream: the pattern's digits are read at call time."""
        self.lock(outcall)
        self.lock_right(extension)
        if self.linked(outcall, extension):
            self.lefts.set_dial_pattern(outcall, extension, form)
            return
        self.validate_link(outcall, extension)
        self.lefts.set_dial_pattern(outcall, extension, form)
        self.notifier.send('associated', 'updated', outcall, extension)

    def lock_right(self, extension: Any) -> None:
        # Concurrent links of one extension to other outcalls (or lines) take turns: the
        # later ones see it bound, instead of breaking its unique dial pattern.
        self.rights.dao.lock(extension)

    def validate_link(self, outcall: Any, extension: Any) -> None:
        check_same_tenant(extension, outcall, 'extension', 'outcall')
        if extension.owner_type == 'user':
            # Lines: the main user's, as upstream, once they have one (else the context
            # check refuses their internal context).
            users = [user for line in extension.lines for user in line.users]
            if users:
                raise resource_associated(
                    'Extension', 'user', extension_id=extension.id, associated_id=str(users[0].id)
                )
        elif extension.owner_type is not None:
            raise extension_owners(self.providers).refusal(extension)
        context = self.providers.get(CONTEXTS).find_in_subtree(extension.context, extension.tenant_uuid)
        if context is not None and context.type != 'outcall':
            raise ResourceError(
                f"ContextType '{context.type}' cannot be associated", {'id': extension.id, 'context': extension.context}
            )

    def unlink(self, outcall: Any, extension: Any) -> None:
        self.lefts.remove_dial_pattern(outcall, extension)


OUTCALL_EXTENSION = Association(
    url='/outcalls/<int:outcall_id>/extensions/<int:extension_id>',
    endpoint='outcall_extensions',
    left=OUTCALLS,
    right=EXTENSIONS,
    label='OutcallExtensionItem',
    service=OutcallExtensionService,
    sides=('outcall', 'extension'),
    event='outcall_extension',
    routing='config.outcalls.extensions',
    payload=lambda outcall, extension: {'outcall_id': outcall.id, 'extension_id': extension.id},
    reloads=(Reload('dialplan reload'),),
    body=OutcallExtensionSchema,
    example={'prefix': '0', 'strip_digits': 1, 'caller_id': 'Reception <5551234>'},
)


class Plugin(DeclaredPlugin):
    associations = (OUTCALL_EXTENSION,)
    requires = ('outcalls', 'extensions')
