"""The outcall: an outgoing route, dialled through its extensions (dial patterns of an
outcall context) and sent out through its trunks."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from wazo_confd.database.base import Base


class OutcallExtension(Base):
    """A dial pattern: an extension of an outcall context leading to the outcall, with how
    the dialled number is rewritten. An extension leads to one outcall at most."""

    __tablename__ = 'outcall_extension'
    __table_args__ = {'info': {'resource': 'Outcall'}}

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    outcall_id: Mapped[int] = mapped_column(Integer, ForeignKey('outcall.id', ondelete='CASCADE'), index=True)
    extension_id: Mapped[int] = mapped_column(Integer, ForeignKey('extension.id', ondelete='CASCADE'), unique=True)
    caller_id: Mapped[str | None] = mapped_column(String(80))
    external_prefix: Mapped[str | None] = mapped_column(String(64))
    prefix: Mapped[str | None] = mapped_column(String(32))
    strip_digits: Mapped[int] = mapped_column(Integer, default=0)
    # The extensions plugin is never imported: its model is named, and read as it is.
    extension: Mapped[Any] = relationship('Extension', lazy='selectin')

    @property
    def exten(self) -> str:
        return self.extension.exten

    @property
    def context(self) -> str:
        return self.extension.context


class Outcall(Base):
    __tablename__ = 'outcall'
    __table_args__ = {'info': {'resource': 'Outcall'}}

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tenant_uuid: Mapped[str] = mapped_column(String(36), ForeignKey('tenant.uuid', ondelete='CASCADE'), index=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    internal_caller_id: Mapped[bool] = mapped_column(Boolean, default=False)
    preprocess_subroutine: Mapped[str | None] = mapped_column(String(79))
    ring_time: Mapped[int | None] = mapped_column(Integer)
    description: Mapped[str | None] = mapped_column(Text)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    # The dial patterns, in the order they were added.
    extensions: Mapped[list[OutcallExtension]] = relationship(
        OutcallExtension, cascade='all, delete-orphan', order_by=OutcallExtension.id, lazy='selectin'
    )
    # What an extension shows as its `outcall` (contributed to the extensions' schema).
    extension_rows: Mapped[list[Any]] = relationship(
        'Extension',
        secondary='outcall_extension',
        viewonly=True,
        backref=backref('outcall', uselist=False, viewonly=True, lazy='selectin'),
    )
