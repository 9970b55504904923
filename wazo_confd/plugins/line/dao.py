"""SQL for lines."""

from __future__ import annotations

from typing import Any

from sqlalchemy import column, false, select, table
from sqlalchemy.exc import IntegrityError

from wazo_confd.database import constraints
from wazo_confd.database.search import SearchConfig
from wazo_confd.errors import resource_associated
from wazo_confd.kit.dao import CRUDDao
from wazo_confd.kit.links import linked, unlinked

from .model import Line

# The line_extension and extension plugins' tables, read by name (no import).
_LINE_EXTENSION = table('line_extension', column('line_id'), column('extension_id'))
_EXTENSION = table('extension', column('id'), column('exten'), column('commented'))


def _first_exten() -> Any:
    """The number of the line's first (main) extension, as upstream skipping commented ones."""
    return (
        select(_EXTENSION.c.exten)
        .join(_LINE_EXTENSION, _LINE_EXTENSION.c.extension_id == _EXTENSION.c.id)
        .where(_LINE_EXTENSION.c.line_id == Line.id, _EXTENSION.c.commented == false())
        .order_by(_EXTENSION.c.id)
        .limit(1)
        .scalar_subquery()
    )


SEARCH = SearchConfig(
    columns={
        'context': Line.context,
        'provisioning_code': Line.provisioning_code,
        'provisioning_extension': Line.provisioning_code,
        'position': Line.position,
        'device_slot': Line.position,
        'protocol': Line.protocol,
        'device_id': Line.device_id,
        'name': Line.name,
        'caller_id_name': Line.cached_caller_id_name,
        'caller_id_num': Line.cached_caller_id_num,
        'exten': _first_exten(),
    },
    # As upstream, `search` looks into every column (the copies of a column once).
    search=[
        'context',
        'provisioning_code',
        'position',
        'protocol',
        'device_id',
        'name',
        'caller_id_name',
        'caller_id_num',
        'exten',
    ],
    default_sort='name',
    tiebreak=Line.id,
)


class LineDao(CRUDDao[Line]):
    def provisioning_code_owner(self, code: str) -> Line | None:
        """The line, of any tenant, that has this provisioning code."""
        return self.find_any_by(provisioning_code=code)

    def forget_line_of(self, endpoint: Any) -> None:
        """A deleted line's endpoint: it serves no line any more."""
        unlinked(self.session, endpoint, 'line')

    def set_endpoint(self, line: Line, kind: str, endpoint: Any | None) -> None:
        """Give the line this endpoint (or none); the unique endpoint columns refuse an
        endpoint that a concurrent request just gave another line."""
        previous = getattr(line, f'endpoint_{kind}')
        setattr(line, f'endpoint_{kind}', endpoint)
        try:
            self.session.flush()
        except IntegrityError as e:
            if constraints.violated(e) != 'unique':
                raise
            raise resource_associated('Line', 'Endpoint', line_id=line.id) from e
        if previous is not None and previous is not endpoint:
            unlinked(self.session, previous, 'line')
        if endpoint is not None:
            linked(self.session, endpoint, 'line', line)
