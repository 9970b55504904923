"""The system's IANA time zone names, searched, sorted and paged like any list.

They come from the system's zone database (Python's zoneinfo), not from our database:
the list conventions are applied in Python to these few hundred names.
"""

from __future__ import annotations

import zoneinfo
from functools import lru_cache

from wazo_confd.database.search import SearchConfig, SearchParams

SEARCH = SearchConfig(columns={'zone_name': 'zone_name'}, search=['zone_name'], default_sort='zone_name')


@lru_cache(maxsize=1)
def zone_names() -> tuple[str, ...]:
    # Read once: the zone database changes with a system upgrade, which restarts the daemon.
    return tuple(sorted(zoneinfo.available_timezones()))


class TimezoneService:
    def search(self, params: SearchParams) -> tuple[int, list[str]]:
        names = list(zone_names())
        if params.search:
            needle = params.search.casefold()
            names = [name for name in names if needle in name.casefold()]
        if 'zone_name' in params.filters:
            names = [name for name in names if name == params.filters['zone_name']]
        if params.direction == 'desc':
            names.reverse()
        end = None if params.limit is None else params.offset + params.limit
        return len(names), names[params.offset : end]
