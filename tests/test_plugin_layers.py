"""Services, validators and daos know nothing of HTTP: none of them imports Flask,
Flask-RESTful or wazo_confd.http, so none can read the request or its token; the resource
hands them the loaded form and the tenant."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import wazo_confd

ROOT = Path(wazo_confd.__file__).parent
LAYERS = ('service.py', 'validator.py', 'dao.py')
FORBIDDEN = ('flask', 'flask_restful', 'wazo_confd.http')


def _package(path: Path) -> list[str]:
    return ['wazo_confd', *path.relative_to(ROOT).parent.parts]


def imported_modules(source: str, package: list[str]) -> set[str]:
    """Every module a source imports, relative imports made absolute (`from a import b`
    counts as `a` and `a.b`: b may be a module)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = '.'.join([*base, *([node.module] if node.module else [])])
            found.add(module)
            found.update(f'{module}.{alias.name}' for alias in node.names)
    return found


def forbidden_imports(source: str, package: list[str]) -> set[str]:
    return {
        module
        for module in imported_modules(source, package)
        if any(module == name or module.startswith(f'{name}.') for name in FORBIDDEN)
    }


LAYER_FILES = sorted(path for layer in LAYERS for path in (ROOT / 'plugins').glob(f'*/{layer}'))


def test_every_plugin_layer_is_checked() -> None:
    names = {path.relative_to(ROOT / 'plugins').as_posix() for path in LAYER_FILES}
    assert {'user/service.py', 'line/service.py', 'user_voicemail/service.py', 'line/dao.py'} <= names


@pytest.mark.parametrize('path', LAYER_FILES, ids=lambda path: path.relative_to(ROOT / 'plugins').as_posix())
def test_a_service_validator_or_dao_imports_nothing_of_http(path: Path) -> None:
    assert forbidden_imports(path.read_text(), _package(path)) == set()


@pytest.mark.parametrize(
    'source',
    [
        'import flask',
        'from flask import request',
        'from flask_restful import Resource',
        'from wazo_confd.http.auth import current_auth',
        'from wazo_confd import http',
        'from ...http.body import json_body',
        'def f():\n    from wazo_confd.http import auth\n',
    ],
)
def test_the_check_finds_an_http_import(source: str) -> None:
    assert forbidden_imports(source, ['wazo_confd', 'plugins', 'user'])


@pytest.mark.parametrize(
    'source',
    [
        'from wazo_confd.kit.service import CRUDService',
        'from .dao import UserDao',
        'import flasky',
        'from .http import x',
    ],
)
def test_the_check_lets_other_imports_through(source: str) -> None:
    assert forbidden_imports(source, ['wazo_confd', 'plugins', 'user']) == set()
