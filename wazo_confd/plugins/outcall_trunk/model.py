"""The trunks of an outcall, in the order calls try them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from wazo_confd.database.base import Base
from wazo_confd.kit.link_table import link_key


class OutcallTrunk(Base):
    __tablename__ = 'outcall_trunk'
    __table_args__ = {'info': {'resource': 'Outcall'}}

    outcall_id: Mapped[int] = link_key('outcall.id')
    trunk_id: Mapped[int] = link_key('trunk.id', index=True)
    # 0 for the trunk tried first.
    priority: Mapped[int] = mapped_column(Integer, default=0)
    # Both models are named, never imported; the backrefs give outcalls their trunk links
    # and trunks their outcall links (read-only: this plugin writes the rows).
    outcall: Mapped[Any] = relationship(
        'Outcall',
        viewonly=True,
        lazy='selectin',
        backref=backref('trunk_links', viewonly=True, lazy='selectin', order_by='OutcallTrunk.priority'),
    )
    trunk: Mapped[Any] = relationship(
        'Trunk',
        viewonly=True,
        lazy='selectin',
        backref=backref(
            'outcall_links',
            viewonly=True,
            lazy='selectin',
            order_by='[OutcallTrunk.priority, OutcallTrunk.outcall_id]',
        ),
    )
