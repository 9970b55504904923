"""Unit tests run in one process: map every model first, since plugins relate their models
to one another's by name (as the daemon does at start)."""

from collections.abc import Iterator
from typing import Any

import pytest
from marshmallow import Schema

import wazo_confd.kit.contributions as contributions_module
from wazo_confd.database.models import load_all
from wazo_confd.kit.dumping import forget

load_all()

# The fields of each schema class as declared, kept the first time a plugin contributes to it.
_DECLARED: dict[type[Schema], Any] = {}
_contribute = contributions_module.contribute


def _keeping_declared(schema: type[Schema], *args: Any, **kwargs: Any) -> None:
    _DECLARED.setdefault(schema, schema._declared_fields)
    _contribute(schema, *args, **kwargs)


contributions_module.contribute = _keeping_declared


@pytest.fixture(autouse=True)
def _schemas_as_declared() -> Iterator[None]:
    """Plugins loaded by a test contribute fields to other plugins' schema classes (the
    daemon does it once, at start): each class is put back as declared after every test,
    so that no test sees what another one's plugins contributed, whatever their order."""
    yield
    for cls, fields in _DECLARED.items():
        if cls._declared_fields is not fields:
            cls._declared_fields = fields
            forget(cls)
