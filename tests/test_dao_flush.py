"""What the kit's dao reports when a constraint refuses a flush (real SQLite)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import ForeignKey, String
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from wazo_confd.database.uow import Database
from wazo_confd.errors import ResourceError
from wazo_confd.kit.dao import CRUDDao


class _Base(DeclarativeBase):
    pass


class Shelf(_Base):
    __tablename__ = 'shelf'
    id: Mapped[int] = mapped_column(primary_key=True)


class Book(_Base):
    __tablename__ = 'book'
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(20), unique=True)
    shelf_id: Mapped[int | None] = mapped_column(ForeignKey('shelf.id'))


class BookDao(CRUDDao[Book]):
    model = Book
    resource_name = 'Book'


@pytest.fixture
def dao(tmp_path: Path) -> Iterator[BookDao]:
    database = Database(f'sqlite:///{tmp_path}/books.sqlite')
    _Base.metadata.create_all(database.engine)
    with database.unit_of_work() as uow:
        uow.session.add(Book(id=1, title='taken'))
    yield BookDao(database)
    database.dispose()


def create(dao: BookDao, book: Book) -> None:
    with dao.database.unit_of_work():
        dao.create(book)


def test_a_unique_value_taken_is_already_exists(dao: BookDao) -> None:
    with pytest.raises(ResourceError, match='^Resource Error - Book already exists$'):
        create(dao, Book(title='taken'))


def test_a_missing_referenced_row_is_a_resource_error(dao: BookDao) -> None:
    with pytest.raises(ResourceError, match='^Resource Error - Book refers to a resource that no longer exists$'):
        create(dao, Book(title='new', shelf_id=42))


def test_a_missing_required_value_is_not_reported_as_a_client_error(dao: BookDao) -> None:
    with pytest.raises(IntegrityError):
        create(dao, Book(id=2))
