"""What the benchmark runs against: a fresh PostgreSQL database, the real daemon, pgbench."""

from __future__ import annotations

import os
import platform
import re
import shutil
import subprocess
import tempfile

from integration_tests.helpers.daemon import Daemon
from integration_tests.helpers.database import PG_ADMIN_URI, create_database, drop_database

# The production shape: PostgreSQL, the bus enabled, the configured auth cache and pools.
DAEMON_CONFIG = {
    'bus': {'enabled': True},
    'auth': {'cache_ttl': 10},
    'log_level': 'info',
}


def start_daemon(workdir: str) -> Daemon:
    uri = create_database('confd_bench')
    daemon = Daemon(workdir, uri, DAEMON_CONFIG)
    try:
        daemon.start()
    except Exception:
        drop_database(uri)
        raise
    return daemon


def stop_daemon(daemon: Daemon) -> None:
    daemon.stop()
    drop_database(daemon.db_uri)


def processes(pid: int) -> list[int]:
    """`pid` and its children (the daemon's HTTP worker processes, when it runs several)."""
    try:
        with open(f'/proc/{pid}/task/{pid}/children') as f:
            return [pid, *(int(child) for child in f.read().split())]
    except OSError:
        return [pid]


def rss_mb(pid: int) -> float | None:
    """Memory of the daemon: the sum of the PSS of its processes (pages that forked HTTP
    workers still share with the main process are counted once; one process: about its RSS)."""
    total = None
    for process in processes(pid):
        try:
            with open(f'/proc/{process}/smaps_rollup') as f:
                for line in f:
                    if line.startswith('Pss:'):
                        total = (total or 0.0) + int(line.split()[1]) / 1024
        except OSError:
            continue
    return total


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time the daemon (main process and workers) has used so far."""
    total = None
    for process in processes(pid):
        try:
            with open(f'/proc/{process}/stat') as f:
                fields = f.read().rsplit(')', 1)[1].split()
        except OSError:
            continue
        total = (total or 0.0) + (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')
    return total


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def pgbench_binary() -> str | None:
    found = shutil.which('pgbench')
    if found:
        return found
    for version in ('17', '16', '15', '14', '13'):
        path = f'/usr/lib/postgresql/{version}/bin/pgbench'
        if os.path.exists(path):
            return path
    return None


def pgbench_insert_tps(seconds: int = 10) -> dict:
    """Single-row INSERT+COMMIT transactions/s from one client, on the same PostgreSQL."""
    binary = pgbench_binary()
    if binary is None:
        return {'available': False, 'reason': 'pgbench not found'}
    uri = create_database('confd_bench_pgbench')
    try:
        subprocess.run(
            [
                'psql',
                uri,
                '-qc',
                'CREATE TABLE ceiling (id bigserial PRIMARY KEY, name varchar(128), tenant varchar(36))',
            ],
            check=True,
            capture_output=True,
        )
        with tempfile.NamedTemporaryFile('w', suffix='.sql', delete=False) as script:
            script.write("INSERT INTO ceiling (name, tenant) VALUES ('bench', 'tenant');\n")
        out = subprocess.run(
            [binary, '-n', '-c', '1', '-j', '1', '-T', str(seconds), '-f', script.name, uri],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        os.unlink(script.name)
    finally:
        drop_database(uri)
    match = re.search(r'tps = ([0-9.]+)', out)
    latency = re.search(r'latency average = ([0-9.]+) ms', out)
    return {
        'available': True,
        'tps': float(match.group(1)) if match else None,
        'latency_ms': float(latency.group(1)) if latency else None,
        'seconds': seconds,
    }


def machine() -> dict:
    cpu = ''
    try:
        with open('/proc/cpuinfo') as f:
            cpu = next((line.split(':', 1)[1].strip() for line in f if line.startswith('model name')), '')
    except OSError:
        pass
    pg_version = subprocess.run(
        ['psql', PG_ADMIN_URI, '-Atc', 'SHOW server_version'], capture_output=True, text=True
    ).stdout.strip()
    return {
        'cpus': os.cpu_count(),
        'cpu_model': cpu,
        'memory_mb': os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') // 2**20,
        'kernel': platform.release(),
        'python': platform.python_version(),
        'postgresql': pg_version,
    }
