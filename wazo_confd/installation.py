"""The platform's identity: the `uuid` used as `origin_uuid` of events and shown by /infos.

It comes from the `uuid` configuration key when set; otherwise it is made at the first
start and kept in the database, so that every instance of the daemon shares it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from wazo_confd.database.base import Base, new_uuid, utcnow


class Installation(Base):
    __tablename__ = 'installation'

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    master_tenant_uuid: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


def get(session: Session) -> Installation:
    """The installation row, made at the first start."""
    found = session.scalars(select(Installation)).first()
    if found is None:
        found = Installation(uuid=new_uuid())
        session.add(found)
        session.flush()
    return found
