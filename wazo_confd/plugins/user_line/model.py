"""Links between users and lines, with each side's main flag.

A user has at most one main line and a line at most one main user: partial unique
indexes keep that true under concurrent requests.
"""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Index, Integer, text
from sqlalchemy.orm import Mapped, mapped_column

from wazo_confd.database.base import Base


class UserLine(Base):
    __tablename__ = 'user_line'
    __table_args__ = (
        Index(
            'uq_user_line_main_line',
            'user_id',
            unique=True,
            postgresql_where=text('main_line'),
            sqlite_where=text('main_line'),
        ),
        Index(
            'uq_user_line_main_user',
            'line_id',
            unique=True,
            postgresql_where=text('main_user'),
            sqlite_where=text('main_user'),
        ),
    )

    user_id: Mapped[int] = mapped_column(Integer, ForeignKey('confd_user.id', ondelete='CASCADE'), primary_key=True)
    line_id: Mapped[int] = mapped_column(
        Integer, ForeignKey('line.id', ondelete='CASCADE'), primary_key=True, index=True
    )
    main_user: Mapped[bool] = mapped_column(Boolean, default=False)
    main_line: Mapped[bool] = mapped_column(Boolean, default=False)
