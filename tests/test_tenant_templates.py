"""A new tenant gets the default SIP templates, in the transaction that creates it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from wazo_confd import tenancy
from wazo_confd.bus.outbox import Outbox
from wazo_confd.database import migrations
from wazo_confd.database.uow import Database
from wazo_confd.kit.builder import dao_class, notifier_class
from wazo_confd.kit.pjsip_doc import PJSIPDoc
from wazo_confd.plugins.endpoint_sip.dao import SIPTemplateDao
from wazo_confd.plugins.endpoint_sip.defaults import tenant_templates_creator
from wazo_confd.plugins.endpoint_sip.model import EndpointSIP
from wazo_confd.plugins.endpoint_sip.plugin import SIP_TEMPLATES
from wazo_confd.plugins.endpoint_sip.service import EndpointSIPService
from wazo_confd.plugins.endpoint_sip.validator import build_validator

TENANT = '11111111-2222-4333-8444-555555555555'


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    uri = f'sqlite:///{tmp_path}/confd.sqlite'
    migrations.upgrade(uri)
    database = Database(uri)
    yield database
    database.dispose()


def templates_of(database: Database, tenant_uuid: str) -> dict[str, EndpointSIP]:
    with database.unit_of_work() as uow:
        found = uow.session.scalars(select(EndpointSIP).where(EndpointSIP.tenant_uuid == tenant_uuid)).all()
        return {t.label: [p.label for p in t.templates] for t in found}  # type: ignore[misc]


def test_tenant_created_hooks_run_once_per_new_tenant(database: Database) -> None:
    seen: list[str] = []
    database.on_tenant_created(lambda session, tenant_uuid: seen.append(tenant_uuid))

    for _ in range(2):
        with database.unit_of_work() as uow:
            tenancy.ensure(uow.session, TENANT)

    assert seen == [TENANT]


def with_default_templates(database: Database) -> None:
    dao = dao_class(SIP_TEMPLATES)(database)
    assert isinstance(dao, SIPTemplateDao)
    # The validator checks the option names against the shipped documentation.
    validator = build_validator(dao, PJSIPDoc())
    service = EndpointSIPService(dao, validator, notifier_class(SIP_TEMPLATES)(Outbox(database, lambda: None)))
    database.on_tenant_created(tenant_templates_creator(dao, service.create))


def test_new_tenant_gets_the_five_default_templates(database: Database) -> None:
    with_default_templates(database)

    with database.unit_of_work() as uow:
        tenancy.ensure(uow.session, TENANT)

    assert templates_of(database, TENANT) == {
        'global': [],
        'webrtc': ['global'],
        'meeting_guest': ['webrtc'],
        'registration_trunk': ['global'],
        'twilio_trunk': ['registration_trunk'],
    }


def test_default_global_and_webrtc_templates_use_the_seeded_transports(database: Database) -> None:
    with_default_templates(database)

    with database.unit_of_work() as uow:
        tenancy.ensure(uow.session, TENANT)

    dao = SIPTemplateDao(database)
    with database.unit_of_work() as uow:
        found = uow.session.scalars(select(EndpointSIP).where(EndpointSIP.tenant_uuid == TENANT)).all()
        transports = {t.label: dao.find_transport(uuid=t.transport_uuid) for t in found}
        names = {label: row.name if row is not None else None for label, row in transports.items()}
    assert names == {
        'global': 'transport-udp',
        'webrtc': 'transport-wss',
        'meeting_guest': None,
        'registration_trunk': None,
        'twilio_trunk': None,
    }
