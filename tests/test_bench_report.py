"""The benchmark's target checks: which figure each target reads, and the floors it shows."""

from __future__ import annotations

from bench import report


def _results(**workloads: dict) -> dict:
    return {
        'pgbench': {'tps': 5000.0},
        'floor': {'write': {'throughput': 800.0, 'server_cpu_ms_per_request': 0.7}},
        'workloads': {name: dict(w, name=name) for name, w in workloads.items()},
        'rss_mb_after_run': 140.0,
    }


def _by_target(results: dict) -> dict[str, dict]:
    return {check['target']: check for check in report.targets(results)}


def test_full_user_target_reads_the_faster_way_and_shows_the_other() -> None:
    checks = _by_target(
        _results(
            **{
                'e. provision a full user': {'throughput': 23.0, 'errors': 0},
                'e1. full user, one nested POST /users': {'throughput': 61.0, 'errors': 0},
            }
        )
    )

    assert checks['(e) full users/s, one nested POST']['met'] is True
    assert checks['(e) full users/s, one nested POST']['value'] == 61.0
    assert checks['(e) full users/s, 8 calls'] == {
        'target': '(e) full users/s, 8 calls',
        'value': 23.0,
        'bound': '',
        'met': None,
        'info': True,
    }


def test_full_user_target_missed_when_both_ways_are_slow() -> None:
    checks = _by_target(
        _results(
            **{
                'e. provision a full user': {'throughput': 23.0, 'errors': 0},
                'e1. full user, one nested POST /users': {'throughput': 41.0, 'errors': 0},
            }
        )
    )

    assert checks['(e) full users/s, one nested POST']['met'] is False


def test_full_user_target_not_measured_without_the_routes() -> None:
    checks = _by_target(_results(**{'e. provision a full user': {'available': False, 'reason': 'no routes'}}))

    assert checks['(e) full users/s']['met'] is None


def test_post_target_shows_the_write_floor_beside_pgbench() -> None:
    checks = _by_target(_results(**{'a. POST /users': {'throughput': 250.0, 'errors': 0}}))

    assert checks['(a) POST /users vs pgbench INSERT rate']['value'] == 5.0
    assert checks['(a) POST /users vs pgbench INSERT rate']['met'] is False
    assert checks['(a) write floor vs pgbench INSERT rate (%)']['value'] == 16.0
    assert checks['(a) POST /users vs the write floor (%)']['value'] == 31.2


def test_floor_line_names_the_write_floor() -> None:
    line = report.floor_line(
        {
            'flask': {'throughput': 2500.0, 'server_cpu_ms_per_request': 0.41},
            'write': {'throughput': 845.8, 'server_cpu_ms_per_request': 0.73},
        }
    )

    assert 'Flask+flask-restful trivial route 2,500 req/s (0.41 server CPU ms/req)' in line
    assert 'write floor (1 client) 846 req/s (0.73 server CPU ms/req)' in line
