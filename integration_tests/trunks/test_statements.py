"""Lists of trunks, of their endpoints and registrations cost the same statements for one
row as for several, with every relation filled (the generic statement-count test only
makes rows with nothing linked)."""

from __future__ import annotations

import pytest

from ..helpers.client import Client
from ..helpers.daemon import Daemon
from ..helpers.lines import sip, unique
from ..helpers.trunks import iax, register, trunk

HEADER = 'X-Confd-Statement-Count'
ROWS = 3


def statements(api: Client, path: str, tag: str, limit: int) -> tuple[int, int]:
    response = api.get(path, params={'limit': limit, 'search': tag} if tag else {'limit': limit})
    assert response.status_code == 200, response.text
    return int(response.headers[HEADER]), len(response.json()['items'])


@pytest.fixture(scope='module')
def linked(trunk_daemon: Daemon) -> dict[str, str]:
    """ROWS trunks of each kind, each with its endpoint (and IAX ones a registration)."""
    api = trunk_daemon.client()
    tags = {'sip': unique('stsip'), 'iax': unique('stiax').replace('-', '_')}
    for serial in range(ROWS):
        endpoint = sip(api, label=f'{tags["sip"]}-{serial}')
        api.put(f'/trunks/{trunk(api)["id"]}/endpoints/sip/{endpoint["uuid"]}')
        owner, peer = trunk(api), iax(api, name=f'{tags["iax"]}_{serial}')
        api.put(f'/trunks/{owner["id"]}/endpoints/iax/{peer["id"]}')
        api.put(f'/trunks/{owner["id"]}/registers/iax/{register(api)["id"]}')
    return tags


@pytest.mark.parametrize(
    'path, kind',
    [
        ('/trunks', 'sip'),
        ('/trunks', 'iax'),
        ('/endpoints/sip', 'sip'),
        ('/endpoints/iax', 'iax'),
        ('/registers/iax', ''),
    ],
)
def test_a_page_costs_the_same_statements_for_one_row_and_for_several(
    api: Client, linked: dict[str, str], path: str, kind: str
) -> None:
    tag = linked.get(kind, '')
    statements(api, path, tag, 1)  # warm the auth cache for this route's ACL

    one, one_rows = statements(api, path, tag, 1)
    many, many_rows = statements(api, path, tag, ROWS)

    assert (one_rows, many_rows) == (1, ROWS)
    assert one == many
