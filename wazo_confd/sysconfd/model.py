"""The reload requests waiting for wazo-sysconfd, and the live reload setting."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, Index, Integer
from sqlalchemy.orm import Mapped, mapped_column

from wazo_confd.bus.model import BigId
from wazo_confd.database.base import Base, utcnow


class SysconfdRequest(Base):
    """What one committed transaction asks of wazo-sysconfd: its reload commands, e.g.
    {'ipbx': ['dialplan reload']}, and its mailbox calls, e.g. [{'path': 'delete_voicemail',
    'params': {'mailbox': '1000', 'context': 'default'}}], sent before the reloads."""

    __tablename__ = 'sysconfd_request'
    __table_args__ = (Index('ix_sysconfd_request_unsent', 'id', postgresql_where='sent_at IS NULL'),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    handlers: Mapped[dict] = mapped_column(JSON)
    calls: Mapped[list | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)


class LiveReload(Base):
    """One row (id 1) once set; no row means live reload is enabled, as upstream's default."""

    __tablename__ = 'live_reload'

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enabled: Mapped[bool] = mapped_column(Boolean)
