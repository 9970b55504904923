"""SQL for user-line links and their main flags."""

from __future__ import annotations

from typing import Any

from sqlalchemy import column, func, select, table, true
from sqlalchemy.orm import Session

from wazo_confd.database.uow import Database
from wazo_confd.kit.links import known_linked, known_links, linked, unlinked

from .model import SharedExtension, UserLine

# The line_extension plugin's table, read by name (no import of that plugin).
_LINE_EXTENSION = table('line_extension', column('line_id'), column('extension_id'))


class UserLineDao:
    def __init__(self, database: Database):
        self.database = database

    @property
    def session(self) -> Session:
        return self.database.session()

    def find(self, user_id: int, line_id: int) -> UserLine | None:
        return self.session.get(UserLine, (user_id, line_id))

    def get(self, user_id: int, line_id: int) -> UserLine:
        """The link of a pair known to be linked."""
        return self.session.get_one(UserLine, (user_id, line_id))

    def is_linked(self, user: Any, line: Any) -> bool:
        known = known_linked(self.session, user, 'lines', line, 'users')
        return known if known is not None else self.find(user.id, line.id) is not None

    def has_main_line(self, user: Any) -> bool:
        """Whether one of the user's links is their main line (none for a user known to
        have no line)."""
        if known_links(self.session, user, 'lines') == []:
            return False
        return any(link.main_line for link in self.of_user(user.id))

    def has_main_user(self, line: Any) -> bool:
        return self.main_user_id(line) is not None

    def main_user_id(self, line: Any) -> int | None:
        if known_links(self.session, line, 'users') == []:
            return None
        return next((link.user_id for link in self.of_line(line.id) if link.main_user), None)

    def main_user_sharing_extension(self, line: Any, user: Any) -> SharedExtension | None:
        """Another line on the line's main extension (its first) whose main user is not
        `user`, or None."""
        extensions = known_links(self.session, line, 'extensions')
        if extensions == []:
            return None
        if extensions:
            # Known without a query (both made in this request): an extension that rings
            # this line alone has no other main user.
            others = known_links(self.session, min(extensions, key=lambda e: e.id), 'lines')
            if others is not None and all(other is line for other in others):
                return None
        own = _LINE_EXTENSION.alias('own')
        main_extension = select(func.min(own.c.extension_id)).where(own.c.line_id == line.id).scalar_subquery()
        return self.other_main_user(line, user.id, main_extension)

    def other_main_user(self, line: Any, user_id: int, extension_id: Any) -> SharedExtension | None:
        """The first line but `line` ringing the extension `extension_id` (an id or an SQL
        expression) whose main user is not `user_id`, or None."""
        other = _LINE_EXTENSION.alias('other')
        query = (
            select(UserLine.user_id, other.c.line_id, other.c.extension_id)
            .join(UserLine, UserLine.line_id == other.c.line_id)
            .where(
                other.c.extension_id == extension_id,
                other.c.line_id != line.id,
                UserLine.main_user == true(),
                UserLine.user_id != user_id,
            )
            .order_by(other.c.line_id)
            .limit(1)
        )
        with self.session.no_autoflush:
            found = self.session.execute(query).first()
        return None if found is None else SharedExtension(found.user_id, found.line_id, found.extension_id)

    def of_line(self, line_id: int) -> list[UserLine]:
        query = select(UserLine).where(UserLine.line_id == line_id).order_by(UserLine.user_id)
        return list(self.session.scalars(query))

    def of_user(self, user_id: int) -> list[UserLine]:
        query = select(UserLine).where(UserLine.user_id == user_id).order_by(UserLine.line_id)
        return list(self.session.scalars(query))

    def add(self, user_line: UserLine, user: Any, line: Any) -> UserLine:
        self.session.add(user_line)
        self.session.flush()
        linked(self.session, user, 'lines', line)
        linked(self.session, line, 'users', user)
        return user_line

    def remove(self, user_line: UserLine, user: Any, line: Any) -> None:
        self.session.delete(user_line)
        self.flush(user, line)

    def flush(self, user: Any, line: Any | None = None) -> None:
        self.session.flush()
        # The embedded lists (a user's lines, a line's users) are read through relationships.
        unlinked(self.session, user, 'lines')
        if line is not None:
            unlinked(self.session, line, 'users')
