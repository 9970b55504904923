"""What the daemon settles before it serves: its own system user, an up-to-date database
schema, its identity (platform uuid, master tenant), the first admin API key and, with
wazo-auth, its service token. Each step that cannot be done raises StartupError."""

from __future__ import annotations

import logging
import os

from wazo_confd import installation, tenancy
from wazo_confd.auth import keys
from wazo_confd.auth.service_token import CredentialsError, ServiceToken, read_credentials
from wazo_confd.auth.tenant_sync import TenantSync
from wazo_confd.auth.wazo_auth import WazoAuthClient
from wazo_confd.database import migrations
from wazo_confd.database.engine import error_line
from wazo_confd.database.uow import Database
from wazo_confd.identity import Identity
from wazo_confd.privileges import PrivilegeError, drop_privileges

logger = logging.getLogger(__name__)
BOOTSTRAP_KEY_NAME = 'bootstrap-admin'


class StartupError(Exception):
    """A reason not to start, told to the operator in one line."""


def become_user(config: dict) -> None:
    """Drop root for `user` for good (once what needs root is open)."""
    try:
        drop_privileges(config['user'])
    except PrivilegeError as e:
        raise StartupError(str(e)) from e


def check_schema(database: Database, config: dict) -> None:
    """The schema is up to date, or upgraded now when `db_upgrade_on_startup` says so."""
    try:
        up_to_date = migrations.is_up_to_date(database.engine)
    except Exception as e:
        raise StartupError(f'cannot reach the database ({database.dialect}): {error_line(e)}') from e
    if up_to_date:
        return
    if config['db_upgrade_on_startup']:
        logger.info('upgrading the database schema (db_upgrade_on_startup is set)')
        migrations.upgrade(config['db_uri'])
        return
    command = migrations.UPGRADE_COMMAND.format(config=config['config_file'])
    raise StartupError(f'database schema is not up to date; run: {command}')


def load_identity(database: Database, config: dict) -> Identity:
    """The platform uuid and, with the local auth backend, the master tenant (made at first start)."""
    with database.unit_of_work() as uow:
        row = installation.get(uow.session)
        if config['auth']['backend'] == 'local' and row.master_tenant_uuid is None:
            row.master_tenant_uuid = tenancy.new_master(uow.session).uuid
            logger.info('created the master tenant %s', row.master_tenant_uuid)
        return Identity(config['uuid'] or row.uuid, row.master_tenant_uuid)


def admin_key_file(database: Database, config: dict, identity: Identity) -> str | None:
    """Local backend: the file of the first admin API key, created (mode 0600) at first start."""
    path = config['auth']['bootstrap_key_file']
    if not path or config['auth']['backend'] != 'local':
        return None
    if os.path.exists(path):
        return path
    with database.unit_of_work() as uow:
        keys.revoke(uow.session, BOOTSTRAP_KEY_NAME)
        secret = keys.create(uow.session, BOOTSTRAP_KEY_NAME, ['confd.#'], identity.master_tenant_uuid or '')
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as e:
        raise StartupError(f'cannot write the admin API key file {path}: {e.strerror}') from e
    with os.fdopen(fd, 'w') as f:
        f.write(secret + '\n')
    logger.info('created the admin API key %s; its secret is in %s', BOOTSTRAP_KEY_NAME, path)
    return path


def service_token(database: Database, config: dict, identity: Identity) -> ServiceToken | None:
    """With wazo-auth: the daemon's own token; each new one also syncs the tenant tree."""
    auth = config['auth']
    if auth['backend'] != 'wazo_auth':
        return None
    client = WazoAuthClient(auth)
    try:
        credentials = read_credentials(auth)
    except CredentialsError as e:
        raise StartupError(str(e)) from e
    token = ServiceToken(client, credentials, auth['token_expiration'])
    token.listeners.append(TenantSync(database, client, identity.set_master_tenant))
    return token
