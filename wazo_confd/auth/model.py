"""API keys of the built-in (local) authentication backend; only their hashes are stored."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from wazo_confd.database.base import Base, utcnow


class ApiKey(Base):
    __tablename__ = 'api_key'

    name: Mapped[str] = mapped_column(String(128), primary_key=True)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    acl: Mapped[list] = mapped_column(JSON, default=list)
    tenant_uuid: Mapped[str] = mapped_column(String(36), ForeignKey('tenant.uuid', ondelete='CASCADE'), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
