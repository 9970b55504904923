"""Custom endpoints: an Asterisk dial interface given verbatim (e.g. `DAHDI/i1/`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wazo_confd.database.base import Base


class EndpointCustom(Base):
    __tablename__ = 'endpoint_custom'

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tenant_uuid: Mapped[str] = mapped_column(String(36), ForeignKey('tenant.uuid', ondelete='CASCADE'), index=True)
    interface: Mapped[str] = mapped_column(String(128), unique=True)
    interface_suffix: Mapped[str | None] = mapped_column(String(32))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)

    line: Mapped[Any] = relationship(
        'Line', back_populates='endpoint_custom', uselist=False, viewonly=True, lazy='selectin'
    )
