"""Rules of line-extension links.

- both in the same tenant;
- the extension is free, or already rings lines of the same user (a user's extension may
  ring several of their lines);
- a line has at most one extension per context;
- the number lies in its context's user ranges.
"""

from __future__ import annotations

from typing import Any

from wazo_confd.errors import resource_associated, resource_not_associated
from wazo_confd.kit.association import check_same_tenant
from wazo_confd.kit.references import OWNER_RESOURCES

def _main_user_id(line: Any) -> int | None:
    users = list(getattr(line, 'users', []) or [])
    return users[0].id if users else None


def validate_association(line: Any, extension: Any, in_range: Any) -> None:
    check_same_tenant(line, extension, 'line', 'extension')
    # An extension bound to lines ('user') may ring more of the same user's lines (below).
    if extension.owner_type not in (None, 'user'):
        raise resource_associated('Extension', OWNER_RESOURCES[extension.owner_type], extension_id=extension.id)
    for other in extension.lines:
        if other.id != line.id and _main_user_id(other) != _main_user_id(line):
            raise resource_associated('Extension', 'Line', extension_id=extension.id, line_id=other.id)
    for current in line.extensions:
        if current.id != extension.id and current.context == extension.context:
            raise resource_associated('Line', 'Extension', line_id=line.id, extension_id=current.id)
    in_range(extension, 'user')


def validate_dissociation(line: Any, extension: Any, linked: bool) -> None:
    if not linked:
        raise resource_not_associated('Line', 'Extension', line_id=line.id, extension_id=extension.id)
