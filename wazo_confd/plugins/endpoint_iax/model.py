"""IAX endpoints: the IAX2 peers a tenant's trunks reach other PBXs through."""

from __future__ import annotations

from sqlalchemy import JSON, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from wazo_confd.database.base import Base


class EndpointIAX(Base):
    __tablename__ = 'endpoint_iax'

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tenant_uuid: Mapped[str] = mapped_column(String(36), ForeignKey('tenant.uuid', ondelete='CASCADE'), index=True)
    # Asterisk's section name: unique across the platform.
    name: Mapped[str] = mapped_column(String(40), unique=True)
    type: Mapped[str] = mapped_column(String(16), default='friend')
    host: Mapped[str] = mapped_column(String(255), default='dynamic')
    options: Mapped[list] = mapped_column(JSON, default=list)
