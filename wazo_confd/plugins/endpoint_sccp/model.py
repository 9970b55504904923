"""SCCP endpoints: a tenant's Skinny phones' settings, as `[key, value]` options."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from wazo_confd.database.base import Base


class EndpointSCCP(Base):
    __tablename__ = 'endpoint_sccp'

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tenant_uuid: Mapped[str] = mapped_column(String(36), ForeignKey('tenant.uuid', ondelete='CASCADE'), index=True)
    options: Mapped[list] = mapped_column(JSON, default=list)

    line: Mapped[Any] = relationship(
        'Line', back_populates='endpoint_sccp', uselist=False, viewonly=True, lazy='selectin'
    )
