"""The trigram search document: derived from the searched columns, or not at all."""

from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, String, Table, cast, func, null, select
from sqlalchemy.dialects import postgresql
from sqlalchemy.sql.elements import ClauseElement

from wazo_confd.database.search_index import exact_on_document, prefilter, search_document

metadata = MetaData()
people = Table(
    'people', metadata, Column('id', Integer, primary_key=True), Column('name', String), Column('age', Integer)
)
pets = Table('pets', metadata, Column('id', Integer, primary_key=True), Column('name', String))


def sql(expression: ClauseElement | None) -> str:
    assert expression is not None
    return str(expression.compile(dialect=postgresql.dialect(), compile_kwargs={'literal_binds': True}))


def test_document_joins_the_columns_with_spaces_and_casts_non_text() -> None:
    document = search_document([people.c.name, people.c.age])

    assert sql(document) == "(coalesce(people.name, '') || ' ') || coalesce(CAST(people.age AS VARCHAR), '')"


def test_null_columns_are_left_out() -> None:
    document = search_document([people.c.name, cast(null(), String)])

    assert sql(document) == "coalesce(people.name, '')"


def test_no_document_when_a_column_is_a_subquery() -> None:
    subquery = select(pets.c.name).where(pets.c.id == people.c.id).scalar_subquery()

    assert search_document([people.c.name, subquery]) is None


def test_no_document_over_two_tables() -> None:
    assert search_document([people.c.name, pets.c.name]) is None


def test_no_document_through_other_functions() -> None:
    assert search_document([func.upper(people.c.name)]) is None


def test_prefilter_folds_the_document() -> None:
    condition = prefilter([people.c.name], func.lower('x'))

    assert sql(condition).startswith("confd_fold(coalesce(people.name, '')) LIKE lower('x')")


def test_a_term_with_a_space_may_straddle_columns() -> None:
    assert not exact_on_document('alice martin')


def test_a_non_letter_non_ascii_term_is_checked_column_by_column() -> None:
    assert not exact_on_document('½')


def test_an_accented_word_is_exact_on_the_document() -> None:
    assert exact_on_document('françois')


def test_an_ascii_word_is_exact_on_the_document() -> None:
    assert exact_on_document('martin-10')
