"""Links users and lines. The first user of a line is its main user; a user's first line
is their main line, and when it goes the oldest remaining line takes over.

The user and line rows are locked (user first, then lines by id) so that concurrent links
agree on the main flags; partial unique indexes back this up.
"""

from __future__ import annotations

from typing import Any

from wazo_confd.interfaces import LINE_CALLER_IDS, LINES, USER_LINES, Lines
from wazo_confd.kit.association import AssociationService
from wazo_confd.kit.list_association import ListAssociationService, refuse_repeats
from wazo_confd.plugin_api import Provided

from .dao import UserLineDao
from .model import UserLine
from .validator import (
    validate_association,
    validate_dissociation,
    validate_single_main_user,
    validate_single_main_user_of_extension,
)


class UserLineService(AssociationService):
    """PUT and DELETE /users/{id}/lines/{line_id}; what POST /users and DELETE /lines call."""

    dao: UserLineDao

    @property
    def lines(self) -> Lines:
        return self.providers.get(LINES)

    def lock_right(self, line: Any) -> None:
        self.lines.lock(line)

    def linked(self, user: Any, line: Any) -> bool:
        return self.dao.is_linked(user, line)

    def validate_link(self, user: Any, line: Any) -> None:
        validate_association(user, line)
        self.validate_extension_main_user(user, line)

    def validate_extension_main_user(self, user: Any, line: Any) -> None:
        """The user would become the line's main user: refused when the line's main extension
        already rings another line of another main user (an extension has one main user)."""
        if self.dao.has_main_user(line):
            return
        validate_single_main_user(self.dao.main_user_sharing_extension(line, user))

    def validate_single_main_user(self, line: Any, extension: Any) -> None:
        """The line would ring the extension: refused when the line has a main user and
        another line ringing the extension has another one (an extension has one main user)."""
        user_id = self.dao.main_user_id(line)
        if user_id is not None:
            validate_single_main_user_of_extension(self.dao.other_main_user(line, user_id, extension.id))

    def validate_unlink(self, user: Any, line: Any) -> None:
        validate_dissociation(self.dao.get(user.id, line.id), self.dao.of_line(line.id), line)

    def link(self, user: Any, line: Any, main_line: bool | None = None) -> UserLine:
        if main_line is None:
            main_line = not self.dao.has_main_line(user)
        main_user = not self.dao.has_main_user(line)
        link = self.dao.add(
            UserLine(user_id=user.id, line_id=line.id, main_user=main_user, main_line=main_line), user, line
        )
        # The line's caller ID follows its main user.
        self.providers.get(LINE_CALLER_IDS).refresh(line)
        return link

    def unlink(self, user: Any, line: Any, promote: bool = True) -> UserLine:
        """Remove the link (answered, for the event); its user's oldest remaining line
        becomes main when it was, unless `promote` is false."""
        link = self.dao.get(user.id, line.id)
        was_main = link.main_line
        self.dao.remove(link, user, line)
        if was_main and promote:
            remaining = self.dao.of_user(user.id)
            if remaining:
                remaining[0].main_line = True
                self.dao.flush(user)
        self.providers.get(LINE_CALLER_IDS).refresh(line)
        return link

    def payload(self, user: Any, line: Any, link: UserLine) -> dict:
        return {
            'user': {'id': user.id, 'uuid': user.uuid, 'tenant_uuid': user.tenant_uuid},
            'line': {
                'id': line.id,
                'name': line.name,
                'endpoint_sip': {'uuid': line.endpoint_sip.uuid} if line.endpoint_sip else None,
                'endpoint_sccp': {'id': line.endpoint_sccp.id} if line.endpoint_sccp else None,
                'endpoint_custom': {'id': line.endpoint_custom.id} if line.endpoint_custom else None,
            },
            'main_user': bool(link.main_user),
            'main_line': bool(link.main_line),
        }


# The service of USER_LINES with all its steps, for the list route of the same plugin.
PAIRS = Provided[UserLineService](USER_LINES.name)


class UserLineListService(ListAssociationService):
    """PUT /users/{id}/lines: the listed lines become the user's, the first one main, each
    link written and announced as PUT /users/{id}/lines/{line_id} does."""

    dao: UserLineDao

    @property
    def pairs(self) -> UserLineService:
        return self.providers.get(PAIRS)

    def lock_rights(self, lines: list[Any]) -> None:
        for line in sorted(lines, key=lambda line: line.id):
            self.pairs.lock_right(line)

    def validate(self, user: Any, lines: list[Any]) -> None:
        refuse_repeats(lines, 'line')
        current = {link.line_id for link in self.dao.of_user(user.id)}
        for line in self._leaving(current, lines):
            self.pairs.validate_unlink(user, line)
        for line in lines:
            if line.id not in current:
                validate_association(user, line)
                self.pairs.validate_extension_main_user(user, line)

    def set_links(self, user: Any, lines: list[Any]) -> None:
        pairs = self.pairs
        current = {link.line_id: link for link in self.dao.of_user(user.id)}
        for line in self._leaving(set(current), lines):
            del current[line.id]
            pairs.notify('dissociated', user, line, pairs.unlink(user, line, promote=False))
        for link in current.values():
            link.main_line = False
        self.dao.flush(user)
        for position, line in enumerate(lines):
            kept = current.get(line.id)
            if kept is None:
                pairs.notify('associated', user, line, pairs.link(user, line, main_line=position == 0))
            else:
                kept.main_line = position == 0
                self.dao.flush(user, line)
                pairs.notify('associated', user, line, kept)

    def _leaving(self, current: set[int], lines: list[Any]) -> list[Any]:
        wanted = {line.id for line in lines}
        return [self.pairs.lines.get(line_id, None) for line_id in current if line_id not in wanted]
