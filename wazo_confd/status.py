"""The checks behind GET /1.1/status: one per component, each answering `{'status': 'ok'}`
or `{'status': 'fail', ...}`.

Some components run in the main process only (the relays, the bus consumer, the service
token): an HTTP worker process asks the main process for their state (see http/processes.py).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from sqlalchemy import text

from wazo_confd.auth.service_token import ServiceToken
from wazo_confd.background import BackgroundWorkers
from wazo_confd.database.engine import error_line
from wazo_confd.database.uow import Database
from wazo_confd.http.processes import MainProcess
from wazo_confd.identity import Identity

Check = Callable[[], dict]
MAIN_PROCESS_CHECKS = ('bus_publisher', 'bus_consumer', 'sysconfd', 'service_token')


def component_checks(
    database: Database,
    identity: Identity,
    token: ServiceToken | None,
    workers: BackgroundWorkers,
    plugins: Check,
) -> dict[str, Check]:
    return {
        'rest_api': lambda: {'status': 'ok'},
        'database': functools.partial(database_status, database),
        'master_tenant': lambda: {'status': 'ok' if identity.master_tenant() else 'fail'},
        'service_token': token.status if token else lambda: {'status': 'ok'},
        'plugins': plugins,
        **workers.status_checks(),
    }


def database_status(database: Database) -> dict:
    try:
        with database.engine.connect() as connection:
            connection.execute(text('SELECT 1'))
    except Exception as e:
        return {'status': 'fail', 'reason': error_line(e)}
    return {'status': 'ok'}


def plugins_status(loaded: list[str], failures: dict[str, str]) -> Check:
    """`loaded` and `failures` are filled as the plugins load, after this check is made."""

    def check() -> dict:
        if failures:
            return {'status': 'fail', 'failed': dict(failures), 'loaded': loaded}
        return {'status': 'ok', 'loaded': loaded}

    return check


def main_process_answers(checks: dict[str, Check]) -> dict[str, Callable[[], Any]]:
    """What the main process answers its HTTP workers about the components it alone runs."""
    return {f'status {name}': checks[name] for name in MAIN_PROCESS_CHECKS}


def ask_main_process(checks: dict[str, Check], main: MainProcess) -> None:
    """In an HTTP worker: the checks of what runs in the main process only ask it."""
    for name in MAIN_PROCESS_CHECKS:
        checks[name] = functools.partial(main.ask, f'status {name}')
