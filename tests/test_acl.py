from __future__ import annotations

import pytest

from wazo_confd.auth.acl import AccessCheck, render_acl


@pytest.mark.parametrize(
    'acl, required, granted',
    [
        (['confd.users.read'], 'confd.users.read', True),
        (['confd.users.read'], 'confd.users.create', False),
        (['confd.users.*.read'], 'confd.users.42.read', True),
        (['confd.users.*.read'], 'confd.users.42.lines.read', False),
        (['confd.#'], 'confd.users.42.lines.7.update', True),
        (['confd.#.read'], 'confd.users.42.read', True),
        (['confd.#', '!confd.users.*.delete'], 'confd.users.3.delete', False),
        (['confd.#', '!confd.users.*.delete'], 'confd.users.3.read', True),
        (['!confd.users.read'], 'confd.users.read', False),
        ([], 'confd.users.read', False),
        (['confd.users.read'], 'confd.usersXread', False),
    ],
)
def test_wazo_acl_semantics(acl: list, required: str, granted: bool) -> None:
    assert AccessCheck(acl).matches(required) is granted


def test_render_fills_url_variables_and_replaces_dots() -> None:
    assert render_acl('confd.users.{id}.read', {'id': 42}) == 'confd.users.42.read'
    assert render_acl('confd.moh.{uuid}.read', {'uuid': 'a.b'}) == 'confd.moh.a_b.read'
