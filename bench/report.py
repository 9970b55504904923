"""The printed table, the event latency figures and the check of each target of issue 8."""

from __future__ import annotations

from .events import EventListener

COLUMNS = (
    ('workload', 40),
    ('clients', 7),
    ('done', 7),
    ('thr/s', 9),
    ('p50 ms', 8),
    ('p99 ms', 8),
    ('errors', 6),
    ('CPU ms', 7),
    ('RSS MB', 7),
)


def header() -> str:
    """Columns: requests done, throughput, latency percentiles, errors, the daemon's CPU time
    per request and its resident memory at the end of the workload."""
    line = ' '.join(name.ljust(width) if i == 0 else name.rjust(width) for i, (name, width) in enumerate(COLUMNS))
    return line + '\n' + '-' * len(line)


def _fmt(value: object) -> str:
    if value is None:
        return '-'
    if isinstance(value, float):
        return f'{value:.1f}' if value >= 10 else f'{value:.2f}'
    return str(value)


def row(summary: dict) -> str:
    if summary.get('available') is False:
        return f'{summary["name"]:<40} not available: {summary["reason"]}'
    values = (
        summary['name'],
        summary.get('clients'),
        summary.get('requests'),
        summary.get('throughput'),
        summary.get('p50_ms'),
        summary.get('p99_ms'),
        summary.get('errors'),
        summary.get('daemon_cpu_ms_per_request'),
        summary.get('rss_mb'),
    )
    cells = [_fmt(v) for v in values]
    line = ' '.join(
        c.ljust(w) if i == 0 else c.rjust(w) for i, (c, (_, w)) in enumerate(zip(cells, COLUMNS, strict=True))
    )
    if summary.get('unit') and summary['unit'] != 'req/s':
        line += f'  ({summary["unit"]})'
    return line


def not_available(name: str, reason: str) -> dict:
    return {'name': name, 'available': False, 'reason': reason}


def event_latency(listener: EventListener, listening: bool, created_at: dict[str, float]) -> dict:
    """Time from the end of each POST's response to its user_created event at our consumer."""
    name = 'g. event delivery latency under (a)'
    if not listening:
        return not_available(name, f'no broker: {listener.error}')
    listener.wait_for(list(created_at), timeout=10)
    latencies = sorted(
        max(0.0, (listener.arrivals[k] - sent) * 1000) for k, sent in created_at.items() if k in listener.arrivals
    )
    if not latencies:
        return not_available(
            name,
            f'no user_created event from this daemon within 10 s of {len(created_at)} creations '
            '(this build writes events to the outbox but has no relay publishing them)',
        )

    def pct(p: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))], 2)

    return {
        'name': name,
        'clients': 1,
        'requests': len(created_at),
        'errors': len(created_at) - len(latencies),
        'throughput': None,
        'p50_ms': pct(50),
        'p99_ms': pct(99),
        'unit': 'latency',
    }


def _workload(results: dict, prefix: str) -> dict | None:
    return next((w for name, w in results['workloads'].items() if name.startswith(prefix)), None)


def targets(results: dict) -> list[dict]:
    """Each target of the issue: the figure, the bound, and whether it is met (None: not measured)."""
    checks: list[dict] = []

    def check(name: str, value: float | None, bound: str, met: bool | None) -> None:
        checks.append({'target': name, 'value': value, 'bound': bound, 'met': met})

    def info(name: str, value: float | None) -> None:
        checks.append({'target': name, 'value': value, 'bound': '', 'met': None, 'info': True})

    ceiling = results['pgbench'].get('tps')
    a = _workload(results, 'a.')
    if a and ceiling:
        ratio = a['throughput'] / ceiling
        check('(a) POST /users vs pgbench INSERT rate', round(ratio * 100, 1), '>= 10 %', ratio >= 0.10)
        write = (results.get('floor') or {}).get('write')
        if write and write.get('throughput'):
            # Information: the least write of the same stack, against the same two figures.
            info('(a) write floor vs pgbench INSERT rate (%)', round(write['throughput'] * 100 / ceiling, 1))
            info('(a) POST /users vs the write floor (%)', round(a['throughput'] * 100 / write['throughput'], 1))
    b = _workload(results, 'b.')
    if b:
        check('(b) GET /users/{uuid} req/s', b['throughput'], '>= 1000', b['throughput'] >= 1000)
        flask = (results.get('floor') or {}).get('flask')
        if flask and flask.get('throughput'):
            # Information, not a target: how far (b) is from the same stack doing nothing.
            info('(b) req/s / Flask trivial route req/s (%)', round(b['throughput'] * 100 / flask['throughput'], 1))
            cpu = b.get('daemon_cpu_ms_per_request')
            if cpu is not None and flask.get('server_cpu_ms_per_request') is not None:
                info('(b) CPU ms/req above the Flask floor', round(cpu - flask['server_cpu_ms_per_request'], 2))
    for kind in ('search', 'order&offset'):
        lists = [w for name, w in results['workloads'].items() if name.startswith(f'c. GET /users?{kind},')]
        if lists:
            large = lists[-1]
            check(f'(c) {kind} p99 ms, large table', large['p99_ms'], '< 50', large['p99_ms'] < 50)
            if len(lists) > 1:
                ratio = large['p99_ms'] / max(lists[0]['p99_ms'], 0.001)
                check(f'(c) {kind} p99 large / small', round(ratio, 2), '< 10 (same order)', ratio < 10)
    # (e) asks for full users per second, not for a number of calls: the faster of the two
    # ways a client provisions one is the figure, the other is shown beside it.
    ways = [
        (label, w)
        for label, w in (('8 calls', _workload(results, 'e.')), ('one nested POST', _workload(results, 'e1.')))
        if w and w.get('available') is not False
    ]
    if ways:
        label, best = max(ways, key=lambda way: way[1]['throughput'])
        check(f'(e) full users/s, {label}', best['throughput'], '>= 50', best['throughput'] >= 50)
        for other_label, other in ways:
            if other is not best:
                info(f'(e) full users/s, {other_label}', other['throughput'])
    else:
        check('(e) full users/s', None, '>= 50', None)
    errors = sum(w.get('errors') or 0 for w in results['workloads'].values())
    check('no errors', errors, '== 0', errors == 0)
    rss = results.get('rss_mb_after_run')
    check('daemon RSS after the run (MB)', round(rss, 1) if rss else None, '< 150', rss is not None and rss < 150)
    return checks


def floor_line(floors: dict | None) -> str:
    if not floors:
        return 'stack floor: not measured'
    parts = []
    for key, label in (
        ('cheroot', 'cheroot alone'),
        ('flask', 'Flask+flask-restful trivial route'),
        ('write', 'write floor (1 client)'),
    ):
        f = floors.get(key)
        if f is None:
            continue
        parts.append(
            f'{label} {f.get("throughput", 0):,.0f} req/s ({_fmt(f.get("server_cpu_ms_per_request"))} server CPU ms/req'
            + (f', {f["errors"]} errors' if f.get('errors') else '')
            + ')'
        )
    return 'stack floor: ' + ', '.join(parts)


def footer(results: dict) -> str:
    lines = [
        '',
        f'pgbench single-client INSERT+COMMIT: {results["pgbench"].get("tps")} tps',
        floor_line(results.get('floor')),
        'targets:',
    ]
    for t in results['targets']:
        verdict = 'information' if t.get('info') else {True: 'met', False: 'MISSED', None: 'not measured'}[t['met']]
        lines.append(f'  {t["target"]:<42} {_fmt(t["value"]):>8}  {t["bound"]:<18} {verdict}')
    return '\n'.join(lines)
