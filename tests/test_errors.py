from __future__ import annotations

from wazo_confd import errors


def test_not_found_renders_metadata_without_braces() -> None:
    assert errors.not_found('User', id=42).message == "Resource Not Found - User was not found ('id': 42)"


def test_metadata_is_left_out_when_empty() -> None:
    assert errors.ResourceError('Operation not permitted').message == 'Resource Error - Operation not permitted'


def test_already_exists_quotes_string_values() -> None:
    error = errors.already_exists('User', email='a@b.c')

    assert error.message == "Resource Error - User already exists ('email': 'a@b.c')"
    assert error.status_code == 400


def test_schema_error_gives_one_line_per_field() -> None:
    error = errors.SchemaError({'firstname': ['Missing data for required field.'], 'ring_seconds': ['Not a valid integer.']})

    assert error.body() == [
        "Input Error - firstname: ['Missing data for required field.']",
        "Input Error - ring_seconds: ['Not a valid integer.']",
    ]
