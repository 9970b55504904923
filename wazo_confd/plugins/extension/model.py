"""The extension: a number (or dialplan pattern) in a context, reaching one object."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wazo_confd.database.base import Base


class Extension(Base):
    __tablename__ = 'extension'
    # The unique constraint holds "one exten per context" under concurrent requests.
    __table_args__ = (UniqueConstraint('exten', 'context'), {'info': {'resource': 'Extension'}})

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tenant_uuid: Mapped[str] = mapped_column(String(36), ForeignKey('tenant.uuid', ondelete='CASCADE'), index=True)
    exten: Mapped[str] = mapped_column(String(40))
    context: Mapped[str] = mapped_column(String(79), ForeignKey('context.name'), index=True)
    commented: Mapped[bool] = mapped_column(Boolean, default=False)
    # Set by the plugin that binds the extension (line, group, queue...); NULL when free.
    owner_type: Mapped[str | None] = mapped_column(String(16))
    # Lines ringing this extension (the line_extension table, owned by its plugin).
    lines: Mapped[list[Any]] = relationship(
        'Line', secondary='line_extension', viewonly=True, order_by='Line.id', lazy='selectin'
    )

    @property
    def enabled(self) -> bool:
        return not self.commented

    @enabled.setter
    def enabled(self, value: bool) -> None:
        self.commented = not value

    def is_pattern(self) -> bool:
        return self.exten.startswith('_')
