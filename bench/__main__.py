"""`python -m bench`: run every workload against a fresh daemon and print/write the results."""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import tempfile
import uuid

import requests
import yaml

from . import environment, floor, report
from .data import bulk_users
from .events import EventListener
from .load import Result
from .workloads import (
    State,
    create_users,
    delete_everything,
    edit_users,
    get_users,
    list_users,
    missing_provisioning_routes,
    provision_users,
    provision_users_nested,
    provisioning_context,
)

RESULTS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'results')


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog='python -m bench', description=__doc__)
    parser.add_argument('--seed', type=int, default=8)
    parser.add_argument('--scale', type=float, default=1.0, help='multiply every request count (quick runs: 0.1)')
    parser.add_argument('--large', type=int, default=100_000, help='users of the large list workload')
    parser.add_argument('--small', type=int, default=10_000, help='users of the small list workload')
    parser.add_argument('--pgbench-seconds', type=int, default=10)
    parser.add_argument(
        '--floor-requests',
        type=int,
        default=3000,
        help='requests per client of each stack floor server (4 clients; the write floor 1); 0 skips the floors',
    )
    parser.add_argument('--output', default=None, help='JSON file (default: bench/results/<time>.json)')
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)

    def n(count: int) -> int:
        return max(1, int(count * args.scale))

    results: dict = {'started_at': datetime.datetime.now(datetime.UTC).isoformat(timespec='seconds')}
    results['machine'] = environment.machine()
    results['load_average_at_start'] = environment.load_average()
    print('pgbench: single-client INSERT+COMMIT ceiling ...', flush=True)
    results['pgbench'] = environment.pgbench_insert_tps(args.pgbench_seconds)
    if args.floor_requests > 0:
        # Forks its servers: before this process starts any thread (the daemon, the listener).
        print('stack floor: cheroot alone, a trivial Flask + flask-restful route, the least write ...', flush=True)
        results['floor'] = floor.measure(per_client=args.floor_requests, write_requests=args.floor_requests)

    workdir = tempfile.mkdtemp(prefix='confd-bench-')
    origin = str(uuid.uuid4())
    environment.DAEMON_CONFIG['uuid'] = origin
    daemon = environment.start_daemon(workdir)
    workloads: dict[str, dict] = {}
    try:
        pid = daemon.process.pid  # type: ignore[union-attr]
        results['rss_mb_at_start'] = environment.rss_mb(pid)
        state = State(port=daemon.port, token=daemon.admin_key(), seed=args.seed)
        spec = yaml.safe_load(requests.get(f'{daemon.base_url}/api/api.yml', timeout=10).text)
        results['bus'] = {'enabled_in_config': daemon.config['bus']['enabled']}

        listener = EventListener(origin)
        listening = listener.start()

        cpu_mark = [environment.cpu_seconds(pid) or 0.0]

        def record(result: Result, **extra: object) -> None:
            summary = result.summary()
            cpu = environment.cpu_seconds(pid) or 0.0
            # Daemon CPU per request: unlike throughput, barely moved by other load on the machine.
            summary['daemon_cpu_ms_per_request'] = round((cpu - cpu_mark[0]) * 1000 / max(1, result.requests), 2)
            cpu_mark[0] = cpu
            summary.update(extra, rss_mb=environment.rss_mb(pid), load_average=environment.load_average())
            workloads[summary['name']] = summary
            print(report.row(summary), flush=True)

        print(report.header(), flush=True)
        record(create_users(state, n(2000)))
        workloads['g. event delivery latency under (a)'] = report.event_latency(listener, listening, state.created_at)
        print(report.row(workloads['g. event delivery latency under (a)']), flush=True)
        listener.stop()
        record(get_users(state, 4, n(2000)))
        record(edit_users(state, n(1000)))
        for population in (args.small, args.large):
            added = bulk_users(daemon.db_uri, state.tenant_uuid, population, args.seed)
            for kind in ('search', 'page'):
                cpu_mark[0] = environment.cpu_seconds(pid) or 0.0
                record(list_users(state, population, kind, 4, n(250)), bulk_loaded=added)

        missing = missing_provisioning_routes(spec.get('paths', {}))
        if missing:
            workloads['e. provision a full user'] = report.not_available(
                'e. provision a full user', 'routes not in this build: ' + ', '.join(missing)
            )
            print(report.row(workloads['e. provision a full user']), flush=True)
        else:
            context = provisioning_context(state)
            record(provision_users(state, n(200), context))
            record(provision_users_nested(state, n(200), context))
        record(delete_everything(state))
        results['rss_mb_after_run'] = environment.rss_mb(pid)
    finally:
        environment.stop_daemon(daemon)

    results['workloads'] = workloads
    results['targets'] = report.targets(results)
    print(report.footer(results), flush=True)
    output = args.output or os.path.join(RESULTS_DIR, f'{results["started_at"].replace(":", "")}.json')
    os.makedirs(os.path.dirname(os.path.abspath(output)), exist_ok=True)
    with open(output, 'w') as f:
        json.dump(results, f, indent=2)
    print(f'results written to {output}')
    return 0 if all(t['met'] is not False for t in results['targets']) else 1


if __name__ == '__main__':
    sys.exit(main())
