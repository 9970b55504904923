"""Rules of line-extension links, in upstream's order (LineExtensionAssociationValidator):

- both in the same tenant;
- the line has an endpoint;
- the line has no extension yet;
- the extension is free, or bound to lines ('user');
- its context is an internal one;
- when the line has a main user, the other lines ringing the extension have no other
  main user;
- the number lies in a user range of its context (patterns are not checked).

A line with a device keeps its extensions.
"""

from __future__ import annotations

from typing import Any

from wazo_confd.errors import ResourceError, missing_association, resource_associated
from wazo_confd.kit.association import check_same_tenant


def validate_association(
    line: Any, extension: Any, context: Any, in_range: Any, single_main_user: Any, owned_refusal: Any
) -> None:
    """`single_main_user(line, extension)`: the main-user rule, kept by the user-line links;
    `owned_refusal(extension)`: the error naming the owner of a bound extension."""
    # Upstream names the extension's tenant first.
    check_same_tenant(extension, line, 'extension', 'line')
    if line.endpoint is None:
        raise missing_association('Line', 'Endpoint', line_id=line.id)
    for current in line.extensions:
        raise resource_associated('Line', 'Extension', line_id=line.id, extension_id=current.id)
    if extension.owner_type not in (None, 'user'):
        raise owned_refusal(extension)
    if context is not None and context.type != 'internal':
        raise ResourceError(
            f"ContextType '{context.type}' cannot be associated", {'id': extension.id, 'context': extension.context}
        )
    single_main_user(line, extension)
    in_range(extension, 'user')


def validate_dissociation(line: Any) -> None:
    if line.device_id is not None:
        raise resource_associated('Line', 'Device', line_id=line.id, device_id=line.device_id)
