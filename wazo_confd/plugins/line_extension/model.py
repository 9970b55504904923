"""The link between a line and an extension (the number that rings it)."""

from __future__ import annotations

from sqlalchemy.orm import Mapped

from wazo_confd.database.base import Base
from wazo_confd.kit.link_table import link_key


class LineExtension(Base):
    __tablename__ = 'line_extension'

    line_id: Mapped[int] = link_key('line.id')
    extension_id: Mapped[int] = link_key('extension.id', index=True)
