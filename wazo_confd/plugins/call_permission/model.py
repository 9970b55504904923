"""Call permissions: who may dial which numbers (allowed or denied), with an optional
password, and the users they apply to."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from wazo_confd.database.base import Base


class CallPermission(Base):
    __tablename__ = 'call_permission'
    __table_args__ = ({'info': {'resource': 'CallPermission'}},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tenant_uuid: Mapped[str] = mapped_column(String(36), ForeignKey('tenant.uuid', ondelete='CASCADE'), index=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    password: Mapped[str | None] = mapped_column(String(40))
    mode: Mapped[str] = mapped_column(String(5), default='deny')
    # The dialled-number patterns (`_9.`, `1234`), in the order given, without repeats.
    extensions: Mapped[list[str]] = mapped_column(JSON, default=list)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    description: Mapped[str | None] = mapped_column(Text)

    # Users and the link table are named by string (no import of the users plugin, nor of
    # the user_call_permission plugin, which writes the links): both sides are read-only. The backref gives
    # every user its `call_permissions`.
    users: Mapped[list[Any]] = relationship(
        'User',
        secondary='user_call_permission',
        viewonly=True,
        lazy='selectin',
        order_by='User.id',
        backref=backref('call_permissions', viewonly=True, lazy='selectin', order_by='CallPermission.id'),
    )
