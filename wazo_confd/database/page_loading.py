"""The related objects of a page of rows, read with one light statement per relationship.

A `selectin` relationship through an association table (a user's lines, a user's
voicemail) is loaded by the ORM with one statement for the whole page, but that
statement's machinery (building it, its cache key, loading objects) cost about a fifth of
the CPU of a page of 100 users, even when no row has any related object. Here the page
reads the association rows with a statement built once (user id and line id, in the
relationship's order), loads the related objects by primary key only when there are
some (their own relationships load as usual), and sets each row's collection.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import ARRAY, any_, bindparam, exists, inspect, select
from sqlalchemy.orm import Mapper, RelationshipProperty, Session, defaultload, joinedload, lazyload
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.interfaces import MANYTOONE
from sqlalchemy.sql import operators

_plans: dict[Any, list[tuple]] = {}


def _plan(model: type, dialect: str = 'postgresql') -> list[tuple]:
    """(relationship, parent key attribute, association statement, target key column) for
    each relationship of `model` loaded here."""
    plan = _plans.get((model, dialect))
    if plan is not None:
        return plan
    plan = []
    mapper: Mapper = inspect(model)
    for rel in mapper.relationships:
        pairs = _simple_pairs(rel)
        if pairs is None:
            continue
        (parent_column, link_column), (target_column, link_target) = pairs
        target_table = rel.mapper.local_table
        secondary = rel.secondary
        assert secondary is not None  # _simple_pairs: through an association table
        statement = (
            select(link_column, target_column)
            .select_from(secondary.join(target_table, rel.secondaryjoin))
            .where(_in_keys(link_column, dialect))
            .order_by(*(rel.order_by or ()))
        )
        parent_key = mapper.get_property_by_column(parent_column).key
        plan.append((rel, parent_key, statement, rel.mapper.get_property_by_column(target_column).key))
    _plans[(model, dialect)] = plan
    return plan


def _in_keys(column: Any, dialect: str) -> Any:
    # On PostgreSQL one array parameter: the SQL text is the same whatever the number of keys
    # (an expanding IN is rendered again for each execution).
    if dialect == 'postgresql':
        return column == any_(bindparam('keys', type_=ARRAY(column.type)))
    return column.in_(bindparam('keys', expanding=True))


def _simple_pairs(rel: RelationshipProperty) -> tuple | None:
    """The column pairs of a read-only `selectin` relationship through an association
    table joined on one column each side, with no other condition; None otherwise."""
    if rel.lazy != 'selectin' or rel.secondary is None or not rel.viewonly:
        return None
    pairs, secondary_pairs = rel.synchronize_pairs, rel.secondary_synchronize_pairs
    if len(pairs) != 1 or secondary_pairs is None or len(secondary_pairs) != 1:
        return None
    joins: tuple[tuple[Any, tuple[Any, Any]], ...] = (
        (rel.primaryjoin, pairs[0]),
        (rel.secondaryjoin, secondary_pairs[0]),
    )
    for join, (left, right) in joins:
        if getattr(join, 'operator', None) is not operators.eq or {join.left, join.right} != {left, right}:
            return None
    if len(rel.mapper.primary_key) != 1 or secondary_pairs[0][0] is not rel.mapper.primary_key[0]:
        return None
    return pairs[0], secondary_pairs[0]


def link_flags(model: type) -> list[tuple[str, Any]]:
    """(relationship key, `EXISTS` of an association row of the row) for each relationship
    loaded here: read with the rows, they spare the association statement of a
    relationship no row of the page is in."""
    flags = []
    mapper: Mapper[Any] = inspect(model)
    for rel in mapper.relationships:
        pairs = _simple_pairs(rel)
        if pairs is not None:
            (parent_column, link_column), _target = pairs
            flags.append((rel.key, exists().where(link_column == parent_column).label(f'has_{rel.key}')))
    return flags


def unplanned_relationships(model: type) -> list[str]:
    """The relationships of `model` that `load_related` does not load."""
    mapper: Mapper[Any] = inspect(model)
    return [rel.key for rel in mapper.relationships if _simple_pairs(rel) is None]


def deferred_options(model: type) -> list[Any]:
    """Options of the page query: the relationships loaded here are not loaded by the ORM."""
    return [lazyload(getattr(model, rel.key)) for rel, *_ in _plan(model, 'any')]


Assign = Callable[[Any, str, Any], None]

_related: dict[tuple, Any] = {}
# A page's rows, their related objects, and those objects' own (a user, its lines, their
# extensions): deeper ones are loaded by the ORM when used.
_MAX_DEPTH = 1


def _related_query(model: type, rel: RelationshipProperty, target_key: str, dialect: str) -> Any:
    """The related objects of a page by key (parameter `keys`), built once with their loader
    options: SQLAlchemy then finds its compiled form without computing its cache key again."""
    query = _related.get((model, rel.key, dialect))
    if query is None:
        column = rel.mapper.get_property(target_key).columns[0]
        query = select(rel.mapper.class_).where(_in_keys(column, dialect))
        query = _related[(model, rel.key, dialect)] = query.options(*_projection_options(model, rel.mapper))
    return query


def _projection_options(model: type, target: Mapper) -> list:
    """Loader options for the related objects of a page (a page of users' lines): their
    relationships back to the page's model (a line's users), and the relationships of
    their own related objects back to them (an extension's lines, an endpoint's line), are
    left to be loaded when used; their own objects (a line's endpoint) are joined in the
    same statement. A projection embedded in a page does not go back up, and each of
    those loads was a statement, with the ORM's cost, per page."""
    options = []
    for rel in target.relationships:
        attribute = getattr(target.class_, rel.key)
        if rel.mapper.class_ is model or _simple_pairs(rel) is not None:
            # Back up to the page, or loaded after them by `load_related` (an extension
            # of a line: through an association table).
            options.append(lazyload(attribute))
        elif rel.lazy == 'selectin':
            loader = joinedload(attribute) if rel.direction is MANYTOONE else defaultload(attribute)
            back = [r for r in rel.mapper.relationships if r.mapper is target and r.lazy == 'selectin']
            options += [loader.lazyload(getattr(rel.mapper.class_, r.key)) for r in back] or [loader]
    return options


def load_related(
    session: Session,
    model: type,
    rows: Sequence[Any],
    assign: Assign = set_committed_value,
    unlinked: frozenset = frozenset(),
    skip: frozenset = frozenset(),
    depth: int = 0,
) -> None:
    """Set on each of `rows` (instances of `model`, or plain objects with `assign=setattr`)
    the relationships `deferred_options` left; those named in `unlinked` (no row has any,
    see `link_flags`) are set empty without a statement, those in `skip` are left alone.
    The related objects' own relationships through association tables are loaded the
    same way (a page of users' lines' extensions), except those back to `model`."""
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    plan = [step for step in _plan(model, dialect) if step[0].key not in skip]
    links_of: list[Sequence[Any]] = []
    for rel, parent_key, statement, _target_key in plan:
        if rel.key in unlinked:
            links_of.append([])
            continue
        keys = list({getattr(row, parent_key) for row in rows})
        links_of.append(session.connection().execute(statement, {'keys': keys}).all())
    if any(links_of) and assign is set_committed_value:
        # First marked loaded: the related objects' own relationships may lead back to these
        # rows (a line's users), which the ORM would otherwise load again, its own way.
        for rel, *_ in plan:
            for row in rows:
                assign(row, rel.key, [] if rel.uselist else None)
    for (rel, parent_key, _statement, target_key), links in zip(plan, links_of, strict=True):
        found: dict[Any, Any] = {}
        if links:
            wanted = {target for _, target in links}
            query = _related_query(model, rel, target_key, dialect)
            found = {getattr(obj, target_key): obj for obj in session.scalars(query, {'keys': list(wanted)}).unique()}
            if depth < _MAX_DEPTH:
                back = frozenset(r.key for r in rel.mapper.relationships if r.mapper.class_ is model)
                load_related(session, rel.mapper.class_, list(found.values()), skip=back, depth=depth + 1)
        related: dict[Any, list] = {}
        for key, target in links:
            if target in found:
                related.setdefault(key, []).append(found[target])
        for row in rows:
            objects = related.get(getattr(row, parent_key), [])
            assign(row, rel.key, objects if rel.uselist else (objects[0] if objects else None))
