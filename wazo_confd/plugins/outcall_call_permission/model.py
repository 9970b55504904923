"""The link of an outcall to a call permission: many of each on either side."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Mapped, backref, relationship

from wazo_confd.database.base import Base
from wazo_confd.kit.link_table import link_key


class OutcallCallPermission(Base):
    __tablename__ = 'outcall_call_permission'
    __table_args__ = {'info': {'resource': 'Outcall'}}

    outcall_id: Mapped[int] = link_key('outcall.id')
    call_permission_id: Mapped[int] = link_key('call_permission.id', index=True)
    # Both models are named, never imported; the backrefs give outcalls their permission
    # links and permissions their outcall links (read-only: this plugin writes the rows).
    outcall: Mapped[Any] = relationship(
        'Outcall',
        viewonly=True,
        lazy='selectin',
        backref=backref(
            'call_permission_links',
            viewonly=True,
            lazy='selectin',
            order_by='OutcallCallPermission.call_permission_id',
        ),
    )
    call_permission: Mapped[Any] = relationship(
        'CallPermission',
        viewonly=True,
        lazy='selectin',
        backref=backref('outcall_links', viewonly=True, lazy='selectin', order_by='OutcallCallPermission.outcall_id'),
    )
