"""Users read as plain rows dump exactly as the same users loaded as ORM instances."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from wazo_confd.database.base import Base
from wazo_confd.database.models import load_all
from wazo_confd.database.plain_rows import PlainRows
from wazo_confd.database.search import parse_params
from wazo_confd.database.uow import Database
from wazo_confd.plugins.context.model import Context
from wazo_confd.plugins.line.model import Line
from wazo_confd.plugins.registrar.model import DEFAULT_REGISTRAR, Registrar
from wazo_confd.plugins.user.dao import UserDao
from wazo_confd.plugins.user.model import User
from wazo_confd.plugins.user.schema import VIEWS, UserSchema
from wazo_confd.plugins.user_line.model import UserLine
from wazo_confd.plugins.user_voicemail.model import UserVoicemail
from wazo_confd.plugins.voicemail.model import Voicemail
from wazo_confd.tenancy import Tenant

TENANT = '00000000-0000-4000-8000-000000000001'


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    load_all()
    database = Database(f'sqlite:///{tmp_path}/plain.db')
    Base.metadata.create_all(database.engine)
    with database.unit_of_work() as unit:
        session = unit.session
        session.add(Tenant(uuid=TENANT, name='t'))
        session.add(Registrar(id=DEFAULT_REGISTRAR, main_host='127.0.0.1', proxy_main_host='127.0.0.1'))
        session.flush()
        session.add(Context(tenant_uuid=TENANT, name='default', label='default'))
        users = [User(tenant_uuid=TENANT, firstname=f'F{i}', lastname=None if i == 2 else f'L{i}') for i in range(4)]
        lines = [
            Line(tenant_uuid=TENANT, name=f'line{i}', context='default', provisioning_code=f'12345{i}')
            for i in range(2)
        ]
        voicemail = Voicemail(tenant_uuid=TENANT, name='box', number='1000', context='default')
        session.add_all([*users, *lines, voicemail])
        session.flush()
        session.add_all(
            [
                UserLine(user_id=users[0].id, line_id=lines[1].id, main_line=False),
                UserLine(user_id=users[0].id, line_id=lines[0].id, main_line=True, main_user=True),
                UserLine(user_id=users[1].id, line_id=lines[1].id, main_line=True, main_user=True),
                UserVoicemail(user_uuid=users[0].uuid, voicemail_id=voicemail.id),
            ]
        )
    yield database
    database.dispose()


@pytest.fixture
def request_context() -> Iterator[None]:
    app = Flask('plain')
    for endpoint in ('users', 'lines', 'voicemails'):
        app.add_url_rule(f'/1.1/{endpoint}/<id>', endpoint, lambda id: '')
    with app.test_request_context('/'):
        yield


def orm_users(database: Database) -> list[User]:
    with database.unit_of_work(read_only=True) as unit:
        return list(unit.session.scalars(select(User).order_by(User.id)))


def test_a_plain_user_dumps_as_the_orm_user(database: Database, request_context: None) -> None:
    dao = UserDao(database)
    expected = [UserSchema().dump(user) for user in orm_users(database)]

    with database.unit_of_work(read_only=True):
        read = [UserSchema().dump(dao.read_by_id_or_uuid(body['uuid'], [TENANT])) for body in expected]

    assert read == expected
    assert [line['name'] for line in read[0]['lines']] == ['line0', 'line1']
    assert read[0]['voicemail']['name'] == 'box'


def test_a_page_of_plain_users_dumps_as_the_orm_users_in_every_view(database: Database, request_context: None) -> None:
    dao = UserDao(database)
    users = orm_users(database)
    params = parse_params(dao.search_config, {'order': 'id', 'filters': {}, 'offset': 0})

    with database.unit_of_work(read_only=True):
        total, page = dao.search(params, [TENANT])

    assert total == len(users)
    for schema in [UserSchema, *VIEWS.values()]:
        assert schema().dump(page, many=True) == schema().dump(users, many=True), schema


def test_a_user_of_another_tenant_is_not_found(database: Database) -> None:
    dao = UserDao(database)
    uuid = orm_users(database)[0].uuid

    with database.unit_of_work(read_only=True), pytest.raises(Exception, match='User was not found'):
        dao.read_by_id_or_uuid(uuid, ['00000000-0000-4000-8000-000000000002'])


def test_a_model_with_a_relationship_not_read_here_is_refused() -> None:
    load_all()

    with pytest.raises(ValueError, match='cannot be read as plain rows'):
        PlainRows(Line)
