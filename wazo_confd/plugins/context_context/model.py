"""The contexts an internal context includes, in the order their dialplans are searched."""

from __future__ import annotations

from sqlalchemy import Integer
from sqlalchemy.orm import Mapped, mapped_column

from wazo_confd.database.base import Base
from wazo_confd.kit.link_table import link_key


class ContextInclusion(Base):
    __tablename__ = 'context_inclusion'
    __table_args__ = {'info': {'resource': 'Context'}}

    context_id: Mapped[int] = link_key('context.id')
    included_context_id: Mapped[int] = link_key('context.id', index=True)
    # 0 for the first included context, searched first.
    priority: Mapped[int] = mapped_column(Integer, default=0)
