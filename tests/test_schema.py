"""The kit's schema pieces: what every resource schema refuses on its own."""

from __future__ import annotations

import pytest
from marshmallow import fields, validate

from wazo_confd.errors import SchemaError
from wazo_confd.kit.schema import DEFAULT_MAX_LENGTH, BaseSchema, StrictString, load


class Thing(BaseSchema):
    name = StrictString()
    short = StrictString(validate=validate.Length(max=3))
    loose = fields.String()
    tags = fields.List(fields.String())


def test_nul_is_refused_in_any_loaded_field() -> None:
    with pytest.raises(SchemaError) as error:
        load(Thing(), {'loose': 'a\x00', 'tags': ['ok', 'b\x00']})

    assert set(error.value.messages) == {'loose', 'tags'}


def test_unknown_keys_with_nul_are_dropped_not_refused() -> None:
    assert load(Thing(), {'name': 'ok', 'other\x00': 'x\x00'}) == {'name': 'ok'}


def test_strict_string_has_a_ceiling_unless_it_sets_its_own() -> None:
    assert load(Thing(), {'name': 'a' * DEFAULT_MAX_LENGTH})['name']
    with pytest.raises(SchemaError):
        load(Thing(), {'name': 'a' * (DEFAULT_MAX_LENGTH + 1)})
    with pytest.raises(SchemaError):
        load(Thing(), {'short': 'abcd'})


class Ref(BaseSchema):
    uuid = fields.UUID(required=True)


class Holder(BaseSchema):
    name = StrictString(required=True)
    ref = fields.Nested(Ref, allow_none=True)
    refs = fields.List(fields.Nested(Ref))


def test_a_partial_load_leaves_out_top_level_fields_only() -> None:
    assert load(Holder(), {}, partial=True) == {}
    with pytest.raises(SchemaError) as error:
        load(Holder(), {'ref': {}, 'refs': [{}]}, partial=True)

    assert error.value.messages == {
        'ref': {'uuid': ['Missing data for required field.']},
        'refs': {0: {'uuid': ['Missing data for required field.']}},
    }
