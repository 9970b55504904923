"""The link of a user to a call permission: many of each on either side."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from wazo_confd.database.base import Base


class UserCallPermission(Base):
    __tablename__ = 'user_call_permission'
    __table_args__ = {'info': {'resource': 'User'}}

    user_id: Mapped[int] = mapped_column(Integer, ForeignKey('confd_user.id', ondelete='CASCADE'), primary_key=True)
    call_permission_id: Mapped[int] = mapped_column(
        Integer, ForeignKey('call_permission.id', ondelete='CASCADE'), primary_key=True, index=True
    )
