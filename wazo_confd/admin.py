"""`wazo-confd-admin`: database migrations and API keys of the local auth backend."""

from __future__ import annotations

import argparse
import sys

from sqlalchemy import create_engine

from wazo_confd import config as confd_config
from wazo_confd import installation, tenancy
from wazo_confd.auth import keys
from wazo_confd.database import migrations
from wazo_confd.database.uow import Database


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog='wazo-confd-admin', description='wazo-confd administration')
    parser.add_argument('-c', '--config-file', default=confd_config.DEFAULT_CONFIG_FILE)
    commands = parser.add_subparsers(dest='group', required=True)

    db = commands.add_parser('db', help='database schema').add_subparsers(dest='action', required=True)
    db.add_parser('upgrade', help='apply the migrations (under an advisory lock)').add_argument(
        'revision', nargs='?', default='head'
    )
    db.add_parser('current', help='show the schema revision and the latest one')
    db.add_parser('downgrade', help='revert migrations down to REVISION').add_argument('revision')

    key = commands.add_parser('keys', help='API keys (auth.backend: local)').add_subparsers(
        dest='action', required=True
    )
    create = key.add_parser('create', help='create a key and print its secret, once')
    create.add_argument('name')
    create.add_argument('--acl', nargs='+', required=True, metavar='PATTERN')
    create.add_argument('--tenant', help='tenant uuid (default: the master tenant)')
    key.add_parser('list', help='list keys (never their secrets)')
    key.add_parser('revoke', help='delete a key').add_argument('name')
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        config = confd_config.load({'config_file': args.config_file})
    except confd_config.ConfigError as e:
        print(f'wazo-confd-admin: configuration error: {e}', file=sys.stderr)
        return 2
    uri = config['db_uri']
    if args.group == 'db':
        if args.action == 'upgrade':
            migrations.upgrade(uri, args.revision)
        elif args.action == 'downgrade':
            migrations.downgrade(uri, args.revision)
        engine = create_engine(uri)
        try:
            print(f'current: {migrations.current_revision(engine)}  head: {migrations.head_revision()}')
        finally:
            engine.dispose()
        return 0

    database = Database(uri, config['database'])
    try:
        if not migrations.is_up_to_date(database.engine):
            print(
                f'wazo-confd-admin: database schema is not up to date; run: wazo-confd-admin -c {args.config_file} db upgrade',
                file=sys.stderr,
            )
            return 1
        with database.unit_of_work() as uow:
            return _keys(args, uow.session)
    finally:
        database.dispose()


def _keys(args: argparse.Namespace, session: object) -> int:
    if args.action == 'create':
        tenant_uuid = args.tenant
        if tenant_uuid is None:
            row = installation.get(session)  # type: ignore[arg-type]
            if row.master_tenant_uuid is None:
                row.master_tenant_uuid = tenancy.new_master(session).uuid  # type: ignore[arg-type]
            tenant_uuid = row.master_tenant_uuid
        try:
            secret = keys.create(session, args.name, args.acl, tenant_uuid)  # type: ignore[arg-type]
        except keys.KeyExists:
            print(f'wazo-confd-admin: a key named {args.name!r} already exists', file=sys.stderr)
            return 1
        print(secret)
        return 0
    if args.action == 'list':
        for key in keys.list_all(session):  # type: ignore[arg-type]
            print(
                f'{key.name}\ttenant={key.tenant_uuid}\tacl={",".join(key.acl)}\tcreated={key.created_at:%Y-%m-%d %H:%M}'
            )
        return 0
    if not keys.revoke(session, args.name):  # type: ignore[arg-type]
        print(f'wazo-confd-admin: no key named {args.name!r}', file=sys.stderr)
        return 1
    print(f'revoked {args.name}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
