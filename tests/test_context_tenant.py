"""kit/context_tenant.py: an object naming a context takes its tenant; an edit may only
name a visible context of the object's tenant."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from wazo_confd.errors import InputError, ResourceError
from wazo_confd.kit.context_tenant import ContextTenant
from wazo_confd.plugin_api import Providers

# tenant -> its subtree, and the contexts of each tenant
SUBTREES = {'parent': ['parent', 'child'], 'child': ['child']}
CONTEXTS = {'ctx-parent': 'parent', 'ctx-child': 'child'}


class Contexts:
    def find_in_subtree(self, name: str, tenant_uuid: str) -> Any:
        tenant = CONTEXTS.get(name)
        return SimpleNamespace(name=name, tenant_uuid=tenant) if tenant in SUBTREES[tenant_uuid] else None


def rule(with_contexts: bool = True) -> ContextTenant:
    providers = Providers()
    if with_contexts:
        providers.register('context_service', Contexts())
    return ContextTenant(providers)


@pytest.mark.parametrize(
    'context, request_tenant, expected',
    [
        ('ctx-child', 'parent', 'child'),  # a sub-tenant's context: the object is the sub-tenant's
        ('ctx-parent', 'parent', 'parent'),
        ('ctx-child', 'child', 'child'),
    ],
)
def test_a_new_object_takes_the_tenant_of_its_context(context: str, request_tenant: str, expected: str) -> None:
    assert rule().tenant_for({'context': context}, request_tenant) == expected


@pytest.mark.parametrize('context', ['ctx-parent', 'nowhere'])
def test_a_context_outside_the_request_subtree_is_not_found(context: str) -> None:
    with pytest.raises(InputError) as error:
        rule().tenant_for({'context': context}, 'child')

    assert error.value.message == f"Input Error - field 'context': Context was not found ('context': '{context}')"


def test_without_the_contexts_plugin_the_request_tenant_is_kept() -> None:
    assert rule(with_contexts=False).tenant_for({'context': 'anything'}, 'parent') == 'parent'


def test_an_edit_to_a_context_of_another_tenant_is_refused() -> None:
    obj = SimpleNamespace(tenant_uuid='parent', context='ctx-parent')

    with pytest.raises(ResourceError) as error:
        rule().check_edit(obj, {'context': 'ctx-child'}, 'parent')

    assert error.value.message == (
        "Resource Error - different tenants ('current_tenant_uuid': 'parent', 'context_tenant_uuid': 'child')"
    )


def test_an_edit_to_an_unseen_context_is_not_found() -> None:
    obj = SimpleNamespace(tenant_uuid='child', context='ctx-child')

    with pytest.raises(InputError):
        rule().check_edit(obj, {'context': 'ctx-parent'}, 'child')


def test_an_edit_without_a_context_or_within_the_tenant_passes() -> None:
    obj = SimpleNamespace(tenant_uuid='child', context='ctx-child')

    rule().check_edit(obj, {'name': 'x'}, 'child')
    rule().check_edit(obj, {'context': 'ctx-child'}, 'parent')
