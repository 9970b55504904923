"""Wazo ACL matching: `*` stands for one dotted segment, `#` for any number of them, and
an access prefixed with `!` denies what it matches, whatever else grants it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache


@lru_cache(maxsize=4096)
def _compile(access: str) -> re.Pattern:
    pattern = re.escape(access).replace(r'\*', r'[^.#]*?').replace(r'\#', r'.*?')
    return re.compile(f'^{pattern}$')


class AccessCheck:
    def __init__(self, acl: Iterable[str]):
        acl = list(acl)
        self._denied = [_compile(a[1:]) for a in acl if a.startswith('!')]
        self._granted = [_compile(a) for a in acl if not a.startswith('!')]

    def matches(self, required: str) -> bool:
        if any(p.match(required) for p in self._denied):
            return False
        return any(p.match(required) for p in self._granted)


def render_acl(template: str, view_args: dict) -> str:
    """Fill the `{var}` placeholders from the URL variables, dots replaced by underscores."""
    values = {key: str(value).replace('.', '_') for key, value in view_args.items()}
    return template.format(**values)
