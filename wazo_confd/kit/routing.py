"""How the builders add a route of a declared resource and offer its service."""

from __future__ import annotations

import re
from typing import Any

from wazo_confd.plugin_api import PluginDependencies, Provided


def add_route(
    deps: PluginDependencies,
    resource: type,
    rules: list[str],
    endpoint: str,
    service: Any,
    provider: Provided[Any] | None = None,
) -> None:
    """Route `rules` to `resource` (built with the service) as `endpoint`; offer the service
    to other plugins as `provider`, when named."""
    deps.api.add_resource(resource, *rules, endpoint=endpoint, resource_class_kwargs={'service': service})
    if provider is not None:
        deps.providers.register(provider, service)


_UUID_OR_INT = re.compile(r'<uuid-or-int:(\w+)>')


def rules_of(url: str) -> list[str]:
    """The Flask rules of a declared url: `<uuid-or-int:user_id>` stands for two rules, one
    with `<int:user_id>` and one with `<uuid:user_id>` (upstream's user routes)."""
    if _UUID_OR_INT.search(url) is None:
        return [url]
    return [_UUID_OR_INT.sub(rf'<{converter}:\1>', url) for converter in ('int', 'uuid')]


_VARIABLE = re.compile(r'<(?:[\w-]+:)?(\w+)>')


def acl_of(url: str) -> str:
    """The ACL prefix that upstream's naming rule gives a declared url: `confd.`, then its
    segments joined with `.`, a variable kept as `{<its flask name>}`
    (`/users/<uuid-or-int:user_id>/lines` → `confd.users.{user_id}.lines`). The action
    (`.update`, `.delete`, ...) is added by whoever uses it."""
    segments = [_VARIABLE.sub(r'{\1}', segment) for segment in url.strip('/').split('/')]
    return '.'.join(['confd', *segments])
