"""The benchmark's write floor runs its route against the real PostgreSQL."""

from __future__ import annotations

from bench import floor


def test_write_floor_creates_each_row_and_reports_its_cost() -> None:
    summary = floor.measure_write(40, warmup=5)

    assert summary['name'] == 'floor: write'
    assert summary['clients'] == 1
    assert (summary['requests'], summary['errors'], summary['first_errors']) == (40, 0, [])
    assert summary['throughput'] > 0
    assert summary['server_cpu_ms_per_request'] > 0
