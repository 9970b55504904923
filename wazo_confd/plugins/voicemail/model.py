"""The voicemail box: a number in a context, with its delivery and access settings."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from wazo_confd.database.base import Base

GLOBAL_CONTEXT_INDEX = 'ix_voicemail_global_context'


class Voicemail(Base):
    __tablename__ = 'voicemail'
    __table_args__ = (
        # Both rules must hold under concurrent requests: one number per context, and at
        # most one global voicemail per context.
        UniqueConstraint('number', 'context'),
        Index(
            GLOBAL_CONTEXT_INDEX,
            'context',
            unique=True,
            postgresql_where=text("accesstype = 'global'"),
            sqlite_where=text("accesstype = 'global'"),
        ),
        {'info': {'resource': 'Voicemail'}},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tenant_uuid: Mapped[str] = mapped_column(String(36), ForeignKey('tenant.uuid', ondelete='CASCADE'), index=True)
    name: Mapped[str] = mapped_column(String(80))
    number: Mapped[str] = mapped_column(String(40))
    context: Mapped[str] = mapped_column(String(79), ForeignKey('context.name'), index=True)
    password: Mapped[str | None] = mapped_column(String(80))
    email: Mapped[str | None] = mapped_column(String(80))
    language: Mapped[str | None] = mapped_column(String(20))
    timezone: Mapped[str | None] = mapped_column(String(80))
    pager: Mapped[str | None] = mapped_column(String(80))
    max_messages: Mapped[int | None] = mapped_column(Integer)
    attach_audio: Mapped[bool | None] = mapped_column(Boolean)
    delete_messages: Mapped[bool] = mapped_column(Boolean, default=False)
    ask_password: Mapped[bool] = mapped_column(Boolean, default=True)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    options: Mapped[list[Any]] = mapped_column(JSON, default=list)
    accesstype: Mapped[str] = mapped_column(String(16), default='personal')

    # Users are named by string (no import of the users plugin); the association rows are
    # written by the user_voicemail plugin, so both sides are read-only here. The backref
    # gives every user a `voicemail` attribute.
    users = relationship(
        'User',
        secondary='user_voicemail',
        viewonly=True,
        lazy='selectin',
        order_by='User.id',
        backref=backref('voicemail', uselist=False, viewonly=True, lazy='selectin'),
    )
