"""Links between users and lines, with each side's main flag.

A user has at most one main line and a line at most one main user: partial unique
indexes keep that true under concurrent requests.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import Boolean, Index, text
from sqlalchemy.orm import Mapped, mapped_column

from wazo_confd.database.base import Base
from wazo_confd.kit.link_table import link_key


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

    user_id: Mapped[int] = link_key('confd_user.id')
    line_id: Mapped[int] = link_key('line.id', index=True)
    main_user: Mapped[bool] = mapped_column(Boolean, default=False)
    main_line: Mapped[bool] = mapped_column(Boolean, default=False)


class SharedExtension(NamedTuple):
    """Another line ringing an extension, and that line's main user."""

    user_id: int
    line_id: int
    extension_id: int
