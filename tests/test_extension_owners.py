"""The registry naming what holds a bound extension, as upstream's errors do."""

from __future__ import annotations

from types import SimpleNamespace

from wazo_confd.kit.extension_owners import extension_owners
from wazo_confd.plugin_api import Providers


def test_the_registered_reader_names_the_owner() -> None:
    owners = extension_owners(Providers())
    owners.register('outcall', lambda extension: str(extension.id * 10))

    bound = SimpleNamespace(id=4, owner_type='outcall')

    assert owners.associated_id(bound) == '40'
    assert owners.metadata(bound) == {'extension_id': 4, 'associated_id': '40'}


def test_an_owner_no_plugin_reads_is_named_by_the_extension_only() -> None:
    owners = extension_owners(Providers())

    for owner_type in ('group', None):
        extension = SimpleNamespace(id=4, owner_type=owner_type)
        assert owners.associated_id(extension) is None
        assert owners.metadata(extension) == {'extension_id': 4}


def test_one_registry_per_providers() -> None:
    providers = Providers()

    assert extension_owners(providers) is extension_owners(providers)
