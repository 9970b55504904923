"""Rules of user-line links: same tenant, a line with an endpoint, and a main user who
stays while secondary users share the line; and the rule an extension shares with them:
the lines it rings have one main user at most."""

from __future__ import annotations

from typing import Any

from wazo_confd.errors import missing_association, resource_associated, secondary_users
from wazo_confd.kit.association import check_same_tenant

from .model import SharedExtension, UserLine


def validate_association(user: Any, line: Any) -> None:
    check_same_tenant(user, line, 'user', 'line')
    if line.endpoint is None:
        raise missing_association('Line', 'Endpoint', line_id=line.id)


def validate_single_main_user(shared: SharedExtension | None) -> None:
    """A user would become a line's main user. `shared`: another line on the line's main
    extension, with another main user."""
    if shared is not None:
        raise resource_associated('Line', 'Extension', line_id=shared.line_id, extension_id=shared.extension_id)


def validate_single_main_user_of_extension(shared: SharedExtension | None) -> None:
    """A line with a main user would ring an extension. `shared`: another line ringing it,
    with another main user."""
    if shared is not None:
        raise resource_associated('User', 'Line', user_id=shared.user_id, line_id=shared.line_id)


def validate_dissociation(user_line: UserLine, line_links: list[UserLine], line: Any) -> None:
    if user_line.main_user and any(other.user_id != user_line.user_id for other in line_links):
        raise secondary_users(line_id=line.id)
    if line.device_id is not None:
        raise resource_associated('Line', 'Device', line_id=line.id, device_id=line.device_id)
