"""Rules of user-line links: same tenant, a line with an endpoint, and a main user who
stays while secondary users share the line."""

from __future__ import annotations

from typing import Any

from wazo_confd.errors import missing_association, resource_associated, secondary_users
from wazo_confd.kit.association import check_same_tenant

from .model import UserLine


def validate_association(user: Any, line: Any) -> None:
    check_same_tenant(user, line, 'user', 'line')
    if line.endpoint is None:
        raise missing_association('Line', 'Endpoint', line_id=line.id)


def validate_single_main_user(shared: tuple[int, int] | None) -> None:
    """`shared`: another line on the same extension, with another main user."""
    if shared is not None:
        line_id, extension_id = shared
        raise resource_associated('Line', 'Extension', line_id=line_id, extension_id=extension_id)


def validate_dissociation(user_line: UserLine, line_links: list[UserLine], line: Any) -> None:
    if user_line.main_user and any(other.user_id != user_line.user_id for other in line_links):
        raise secondary_users(line_id=line.id)
    if line.device_id is not None:
        raise resource_associated('Line', 'Device', line_id=line.id, device_id=line.device_id)
