"""SIP transports: Asterisk's `type=transport` sections, global to the platform (no tenant)."""

from __future__ import annotations

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from wazo_confd.database.base import Base, new_uuid


class Transport(Base):
    __tablename__ = 'pjsip_transport'

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    # Unique across transports, SIP endpoints and templates (Asterisk section names).
    name: Mapped[str] = mapped_column(String(79), unique=True)
    options: Mapped[list] = mapped_column(JSON, default=list)
