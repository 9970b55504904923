"""GET /timezones: the IANA time zone names this system knows."""

from __future__ import annotations

import zoneinfo
from functools import lru_cache

from wazo_confd.http.resource import ConfdResource

TIMEZONES_DOC = {
    'get': {'response': {'description': 'The time zones', 'content': {'application/json': {'schema': {
        'type': 'object',
        'properties': {
            'total': {'type': 'integer'},
            'items': {'type': 'array', 'items': {
                'type': 'object', 'properties': {'zone_name': {'type': 'string'}},
            }},
        },
    }}}}},
}


@lru_cache(maxsize=1)
def zone_names() -> tuple[str, ...]:
    # Read once: the zone database changes with a system upgrade, which restarts the daemon.
    return tuple(sorted(zoneinfo.available_timezones()))


class TimezoneList(ConfdResource):
    acls = {'get': 'confd.timezones.get'}
    docs = TIMEZONES_DOC

    def get(self) -> dict:
        names = zone_names()
        return {'total': len(names), 'items': [{'zone_name': name} for name in names]}
