"""SQL of line-extension links."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from wazo_confd.database.uow import Database
from wazo_confd.kit.links import known_linked, linked, unlinked

from .model import LineExtension


class LineExtensionDao:
    def __init__(self, database: Database):
        self.database = database

    @property
    def session(self) -> Session:
        return self.database.session()

    def linked(self, line: Any, extension: Any) -> bool:
        known = known_linked(self.session, line, 'extensions', extension, 'lines')
        if known is not None:
            return known
        with self.session.no_autoflush:
            return self.session.get(LineExtension, (line.id, extension.id)) is not None

    def link(self, line: Any, extension: Any) -> None:
        self.session.add(LineExtension(line_id=line.id, extension_id=extension.id))
        self.session.flush()
        linked(self.session, line, 'extensions', extension)
        linked(self.session, extension, 'lines', line)

    def unlink(self, line: Any, extension: Any) -> None:
        self.session.execute(
            delete(LineExtension).where(LineExtension.line_id == line.id, LineExtension.extension_id == extension.id)
        )
        self.session.flush()
        unlinked(self.session, line, 'extensions')
        unlinked(self.session, extension, 'lines')

    def line_ids_of(self, extension: Any) -> list[int]:
        with self.session.no_autoflush:
            query = select(LineExtension.line_id).where(LineExtension.extension_id == extension.id)
            return list(self.session.scalars(query))
