"""How many HTTP processes `rest_api.workers` gives."""

from __future__ import annotations

import os

from wazo_confd.http.processes import worker_count


def config(workers: object) -> dict:
    return {'rest_api': {'workers': workers}}


def test_auto_is_one_process_per_usable_cpu() -> None:
    assert worker_count(config('auto'), 'postgresql') == len(os.sched_getaffinity(0))


def test_a_number_is_taken_as_is() -> None:
    assert worker_count(config(3), 'postgresql') == 3


def test_sqlite_always_runs_one_process() -> None:
    assert worker_count(config(4), 'sqlite') == 1
    assert worker_count(config('auto'), 'sqlite') == 1
