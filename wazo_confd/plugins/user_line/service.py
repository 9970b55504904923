"""Links users and lines. The first user of a line is its main user; a user's first line
is their main line, and when it goes the oldest remaining line takes over.

The user and line rows are locked (user first) so that concurrent links agree on the
main flags; partial unique indexes back this up.
"""

from __future__ import annotations

from typing import Any

from wazo_confd.errors import not_permitted
from wazo_confd.interfaces import LINES, USERS, Lines, Users
from wazo_confd.plugin_api import Providers

from .dao import UserLineDao
from .model import UserLine
from .notifier import UserLineNotifier
from .validator import validate_association, validate_dissociation


class UserLineService:
    def __init__(self, dao: UserLineDao, notifier: UserLineNotifier, providers: Providers):
        self.dao = dao
        self.notifier = notifier
        self.providers = providers

    @property
    def users(self) -> Users:
        return self.providers.get(USERS)

    @property
    def lines(self) -> Lines:
        return self.providers.get(LINES)

    def _lock(self, user: Any, *lines: Any) -> None:
        self.users.lock(user)
        line_service = self.lines
        for line in sorted(lines, key=lambda line: line.id):
            line_service.lock(line)

    def associate(self, user: Any, line: Any) -> None:
        self._lock(user, line)
        if self.dao.is_linked(user, line):
            return
        validate_association(user, line)
        self._link(user, line, main_line=not self.dao.has_main_line(user))

    def dissociate(self, user: Any, line: Any) -> None:
        self._lock(user, line)
        link = self.dao.find(user.id, line.id)
        if link is None:
            return
        validate_dissociation(link, self.dao.of_line(line.id), line)
        self._unlink(user, line, link)

    def set_lines(self, user: Any, lines: list[Any]) -> None:
        """Make `lines` the user's lines, the first one main (PUT /users/{id}/lines)."""
        if len({line.id for line in lines}) != len(lines):
            raise not_permitted('Cannot associate same line more than once')
        self._lock(user, *lines)
        wanted = {line.id for line in lines}
        current = {link.line_id: link for link in self.dao.of_user(user.id)}
        line_of = {line.id: line for line in lines}
        leaving = [self.lines.get(line_id, None) for line_id in current if line_id not in wanted]
        for line in leaving:
            validate_dissociation(current[line.id], self.dao.of_line(line.id), line)
        for line in lines:
            if line.id not in current:
                validate_association(user, line)
        for line in leaving:
            self._unlink(user, line, current.pop(line.id), promote=False)
        for link in current.values():
            link.main_line = False
        self.dao.flush(user)
        for position, line in enumerate(lines):
            link = current.get(line.id)
            if link is None:
                self._link(user, line_of[line.id], main_line=position == 0)
            else:
                link.main_line = position == 0
                self.dao.flush(user, line)
                self.notifier.associated(user, line, link)

    def _link(self, user: Any, line: Any, main_line: bool) -> None:
        main_user = not self.dao.has_main_user(line)
        link = self.dao.add(
            UserLine(user_id=user.id, line_id=line.id, main_user=main_user, main_line=main_line), user, line
        )
        self.notifier.associated(user, line, link)

    def _unlink(self, user: Any, line: Any, link: UserLine, promote: bool = True) -> None:
        self.notifier.dissociated(user, line, link)
        was_main = link.main_line
        self.dao.remove(link, user, line)
        if was_main and promote:
            remaining = self.dao.of_user(user.id)
            if remaining:
                remaining[0].main_line = True
                self.dao.flush(user)
