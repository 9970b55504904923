"""Log file reopening (SIGHUP, logrotate) and the per-request SQL timings of debug mode."""

from __future__ import annotations

import os
import signal

from .helpers.consul import wait_for
from .helpers.daemon import Daemon


def sqlite_daemon(workdir: str, **config: object) -> Daemon:
    return Daemon(workdir, f'sqlite:///{workdir}/confd.sqlite', config)


def test_sighup_reopens_a_log_file_moved_away(workdir: str) -> None:
    daemon = sqlite_daemon(workdir).start()
    try:
        os.rename(daemon.log_file, daemon.log_file + '.1')
        assert daemon.process is not None
        daemon.process.send_signal(signal.SIGHUP)

        wait_for(lambda: 'log file reopened' in daemon.log())
        daemon.client().get('/users')

        assert ' GET /1.1/users 200 ' in daemon.log()
        assert daemon.process.poll() is None
    finally:
        daemon.stop()


def test_debug_logs_one_sql_timing_line_per_request(workdir: str) -> None:
    daemon = sqlite_daemon(workdir).start('--debug')
    try:
        daemon.client().post('/users', json={'firstname': 'Timed'})

        [line] = [line for line in daemon.log().splitlines() if 'POST /1.1/users: ' in line]

        assert '(DEBUG) (wazo_confd.sql)' in line
        count = int(line.split(': ')[-1].split(' SQL statements')[0])
        assert count > 0
    finally:
        daemon.stop()


def test_no_sql_timings_without_debug(workdir: str) -> None:
    daemon = sqlite_daemon(workdir).start()
    try:
        daemon.client().post('/users', json={'firstname': 'Untimed'})

        assert 'SQL statements in' not in daemon.log()
        assert ' POST /1.1/users 201 ' in daemon.log()
    finally:
        daemon.stop()
