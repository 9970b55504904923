"""The link of a user to a call permission: many of each on either side."""

from __future__ import annotations

from sqlalchemy.orm import Mapped

from wazo_confd.database.base import Base
from wazo_confd.kit.link_table import link_key


class UserCallPermission(Base):
    __tablename__ = 'user_call_permission'
    __table_args__ = {'info': {'resource': 'User'}}

    user_id: Mapped[int] = link_key('confd_user.id')
    call_permission_id: Mapped[int] = link_key('call_permission.id', index=True)
