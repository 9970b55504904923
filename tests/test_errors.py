from __future__ import annotations

import json

import pytest
from flask import Flask
from sqlalchemy import exc as sa_exc

from wazo_confd import errors
from wazo_confd.http.errors import error_response


def test_not_found_renders_metadata_without_braces() -> None:
    assert errors.not_found('User', id=42).message == "Resource Not Found - User was not found ('id': 42)"


def test_metadata_is_left_out_when_empty() -> None:
    assert errors.ResourceError('Operation not permitted').message == 'Resource Error - Operation not permitted'


def test_already_exists_quotes_string_values() -> None:
    error = errors.already_exists('User', email='a@b.c')

    assert error.message == "Resource Error - User already exists ('email': 'a@b.c')"
    assert error.status_code == 400


def test_schema_error_gives_one_line_per_field() -> None:
    error = errors.SchemaError(
        {'firstname': ['Missing data for required field.'], 'ring_seconds': ['Not a valid integer.']}
    )

    assert error.body() == [
        "Input Error - firstname: ['Missing data for required field.']",
        "Input Error - ring_seconds: ['Not a valid integer.']",
    ]


class _Dbapi(Exception):
    pass


@pytest.mark.parametrize(
    'error',
    [
        sa_exc.OperationalError('SELECT 1', {}, _Dbapi('server closed the connection unexpectedly')),
        sa_exc.InterfaceError('SELECT 1', {}, _Dbapi('connection already closed')),
        sa_exc.TimeoutError('QueuePool limit of size 2 overflow 0 reached'),
        sa_exc.DBAPIError('SELECT 1', {}, _Dbapi('terminating connection'), connection_invalidated=True),
    ],
)
def test_lost_database_is_a_503_without_details(error: sa_exc.SQLAlchemyError) -> None:
    with Flask(__name__).test_request_context('/1.1/users'):
        response = error_response(error)

    assert response.status_code == 503
    assert response.get_data() == b'["Service Unavailable - database unavailable"]\n'


def test_other_database_errors_are_500_without_details() -> None:
    error = sa_exc.ProgrammingError('SELECT secret', {}, _Dbapi('syntax error near secret'))
    with Flask(__name__).test_request_context('/1.1/users'):
        response = error_response(error)

    assert response.status_code == 500
    assert response.get_data() == b'["Unexpected error: ProgrammingError"]\n'


def test_bodies_are_json_whatever_encoder_takes_them() -> None:
    from wazo_confd.http.errors import encode_json

    assert json.loads(encode_json({'items': [{'name': 'Émile', 'id': 1}], 'total': 1})) == {
        'items': [{'name': 'Émile', 'id': 1}],
        'total': 1,
    }
    # Beyond orjson's 64-bit integers: the json module's encoding.
    assert json.loads(encode_json({'big': 2**70})) == {'big': 2**70}
