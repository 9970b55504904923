"""The route table of the running daemon, read from its generated OpenAPI document."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

import requests
import yaml

SUCCESS = re.compile(r'^2\d\d$')


@dataclass(frozen=True)
class Operation:
    method: str
    route: str
    acl: str
    status: int
    master_only: bool
    path_params: tuple[tuple[str, str], ...]  # (name, OpenAPI type)

    @property
    def is_item(self) -> bool:
        return bool(self.path_params)

    def __str__(self) -> str:
        return f'{self.method} {self.route}'

    def missing_values(self, values: dict) -> dict:
        """The object's path values with its own identifier replaced by one that does not exist."""
        name, kind = self.path_params[-1]
        missing = {'integer': 999999999}.get(kind, str(uuid.uuid4()))
        return {**values, name: missing}

    def url(self, values: dict) -> str:
        return self.route.format(**values)

    def lacking_pattern(self) -> str:
        """An ACL pattern denying exactly this operation's ACL (its variables as `*`)."""
        return re.sub(r'\{[^}]+\}', '*', self.acl)


def read_document(base_url: str) -> dict:
    return yaml.safe_load(requests.get(f'{base_url}/api/api.yml', timeout=10, verify=False).text)


def read_operations(base_url: str) -> list[Operation]:
    document = read_document(base_url)
    operations = []
    for route, methods in document['paths'].items():
        for method, spec in methods.items():
            if not isinstance(spec, dict) or spec.get('security') == []:
                continue
            params = tuple(
                (p['name'], p['schema'].get('type', 'string') if p['schema'].get('format') != 'uuid' else 'uuid')
                for p in spec.get('parameters', [])
                if p['in'] == 'path'
            )
            status = min(int(code) for code in spec['responses'] if SUCCESS.match(str(code)))
            operations.append(
                Operation(
                    method=method.upper(),
                    route=route,
                    acl=spec['x-required-acl'],
                    status=status,
                    master_only=bool(spec.get('x-master-tenant-only')),
                    path_params=params,
                )
            )
    order = {'GET': 0, 'HEAD': 1, 'POST': 2, 'PUT': 3, 'DELETE': 4}
    return sorted(operations, key=lambda o: (o.route, order.get(o.method, 9)))
