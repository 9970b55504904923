"""The link between a line and an extension (the number that rings it)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from wazo_confd.database.base import Base


class LineExtension(Base):
    __tablename__ = 'line_extension'

    line_id: Mapped[int] = mapped_column(Integer, ForeignKey('line.id', ondelete='CASCADE'), primary_key=True)
    extension_id: Mapped[int] = mapped_column(
        Integer, ForeignKey('extension.id', ondelete='CASCADE'), primary_key=True, index=True
    )
