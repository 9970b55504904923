"""Which kind of constraint an IntegrityError reports, on PostgreSQL and on SQLite."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

# PostgreSQL's SQLSTATE codes of the integrity constraint violation class.
_PG_CODES = {'23505': 'unique', '23503': 'foreign_key', '23502': 'not_null', '23514': 'check'}
# SQLite's messages (its extended error names are not given by every driver version).
_SQLITE_PREFIXES = {
    'UNIQUE constraint failed': 'unique',
    'FOREIGN KEY constraint failed': 'foreign_key',
    'NOT NULL constraint failed': 'not_null',
    'CHECK constraint failed': 'check',
}


def violated(error: IntegrityError) -> str:
    """'unique', 'foreign_key', 'not_null', 'check', or 'other'."""
    code = getattr(error.orig, 'pgcode', None)
    if code is not None:
        return _PG_CODES.get(code, 'other')
    message = str(error.orig)
    for prefix, kind in _SQLITE_PREFIXES.items():
        if message.startswith(prefix):
            return kind
    return 'other'
