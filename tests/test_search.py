from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, insert, select
from sqlalchemy.orm import Session

from wazo_confd.database.engine import fold_text
from wazo_confd.database.search import SearchConfig, escape_like, parse_params
from wazo_confd.database.tenant_pages import run_search
from wazo_confd.errors import InputError

metadata = MetaData()
people = Table(
    'people', metadata, Column('id', Integer, primary_key=True), Column('name', String), Column('age', Integer)
)
CONFIG = SearchConfig(
    columns={'id': people.c.id, 'name': people.c.name, 'age': people.c.age},
    search=['name'],
    default_sort='name',
    sort_insensitive={'name'},
    tiebreak=people.c.id,
)


@pytest.fixture
def session() -> Iterator[Session]:
    engine = create_engine('sqlite://')

    from sqlalchemy import event

    @event.listens_for(engine, 'connect')
    def _fold(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.create_function('fold', 1, fold_text)

    metadata.create_all(engine)
    with Session(engine) as session:
        session.execute(
            insert(people),
            [
                {'name': 'Émile', 'age': 30},
                {'name': 'bob', 'age': 40},
                {'name': 'Alice', 'age': 30},
                {'name': '50%_off', 'age': 1},
            ],
        )
        yield session


def names(session: Session, raw: dict[str, object]) -> tuple[int, list]:
    total, rows = run_search(session, select(people.c.name), CONFIG, parse_params(CONFIG, raw))
    return total, list(rows)


def test_default_sort_is_case_insensitive(session: Session) -> None:
    assert names(session, {}) == (4, ['50%_off', 'Alice', 'bob', 'Émile'])


def test_search_ignores_case_and_accents(session: Session) -> None:
    assert names(session, {'search': 'EMI'}) == (1, ['Émile'])


def test_percent_and_underscore_are_literal(session: Session) -> None:
    assert names(session, {'search': '%_'}) == (1, ['50%_off'])
    assert names(session, {'search': 'b_b'}) == (0, [])


def test_exact_filter_converts_integers(session: Session) -> None:
    assert names(session, {'filters': {'age': '30'}}) == (2, ['Alice', 'Émile'])
    assert names(session, {'filters': {'age': 'thirty'}}) == (0, [])


def test_text_with_nul_matches_nothing(session: Session) -> None:
    # PostgreSQL cannot even compare with it: it must never reach the query.
    assert names(session, {'search': 'b\x00'}) == (0, [])
    assert names(session, {'filters': {'name': 'bob\x00'}}) == (0, [])


def test_paging_counts_before_limiting(session: Session) -> None:
    assert names(session, {'limit': 1, 'offset': 1, 'order': 'age', 'direction': 'desc'}) == (4, ['Alice'])


@pytest.mark.parametrize(
    'raw, message',
    [
        ({'order': 'nope'}, "order: column 'nope' was not found"),
        ({'direction': 'up'}, "direction: must be 'asc' or 'desc'"),
        ({'limit': 0}, "field 'limit': wrong type. Should be a positive number"),
        ({'order': ''}, "order: column '' was not found"),
        ({'direction': ''}, "direction: must be 'asc' or 'desc'"),
    ],
)
def test_invalid_parameters(raw: dict, message: str) -> None:
    with pytest.raises(InputError) as error:
        parse_params(CONFIG, raw)
    assert error.value.message == f'Input Error - {message}'


def test_escape_like() -> None:
    assert escape_like('a%b_c\\') == 'a\\%b\\_c\\\\'


@pytest.mark.parametrize('direction', ['asc', 'desc'])
@pytest.mark.parametrize('order', ['name', 'age'])
def test_every_deep_page_is_its_slice_of_the_whole_order(session: Session, direction: str, order: str) -> None:
    # Duplicates and NULLs: pages near the end are found walking from the end.
    session.execute(
        insert(people),
        [
            {'name': name, 'age': age}
            for name, age in [
                (None, None),
                ('bob', 40),
                (None, 30),
                ('Bob', None),
                ('zed', 30),
                ('alice', 2),
            ]
        ],
    )
    query = select(people.c.id)
    whole = run_search(session, query, CONFIG, parse_params(CONFIG, {'order': order, 'direction': direction}))[1]

    for offset in range(len(whole) + 1):
        for limit in (1, 3, None):
            raw = {'order': order, 'direction': direction, 'offset': offset}
            if limit is not None:
                raw['limit'] = limit
            total, page = run_search(session, query, CONFIG, parse_params(CONFIG, raw))
            end = None if limit is None else offset + limit
            assert (total, list(page)) == (len(whole), whole[offset:end]), raw


def test_anchored_orders_need_a_counted_table_and_its_key() -> None:
    with pytest.raises(ValueError):
        SearchConfig(columns=CONFIG.columns, search=[], default_sort='name', anchored_orders=frozenset({'name'}))
    with pytest.raises(ValueError):
        SearchConfig(
            columns=CONFIG.columns, search=[], default_sort='name', counted=True, anchored_orders=frozenset({'name'})
        )
    SearchConfig(
        columns=CONFIG.columns,
        search=[],
        default_sort='name',
        tiebreak=people.c.id,
        counted=True,
        anchored_orders=frozenset({'name'}),
    )
