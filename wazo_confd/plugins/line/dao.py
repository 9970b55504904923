"""SQL for lines."""

from __future__ import annotations

from sqlalchemy import String, cast, null, select

from wazo_confd.database.search import SearchConfig
from wazo_confd.kit.dao import CRUDDao

from .model import Line

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
        'caller_id_name': Line.caller_id_name,
        'caller_id_num': Line.caller_id_num,
        # Extensions are not associated with lines yet.
        'exten': cast(null(), String),
    },
    search=['context', 'provisioning_code', 'protocol', 'device_id', 'name', 'caller_id_name', 'caller_id_num'],
    default_sort='name',
    tiebreak=Line.id,
)


class LineDao(CRUDDao[Line]):
    model = Line
    resource_name = 'Line'
    search_config = SEARCH

    def provisioning_code_owner(self, code: str) -> Line | None:
        with self.session.no_autoflush:
            return self.session.scalars(select(Line).where(Line.provisioning_code == code)).first()
