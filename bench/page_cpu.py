"""CPU of one page request in process, without HTTP: `python bench/page_cpu.py [N]`.

Run from the root of the source tree to measure (it imports `wazo_confd` from the working
directory), on the database `python -m bench.pages --prepare` made. Builds the daemon's
application as it starts, then requests the same pages N times through Flask's test client
and prints this thread's CPU ms per page (the least noisy figure on a shared machine).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time

sys.path.insert(0, os.getcwd())

import yaml  # noqa: E402

PAGES = {
    'order+offset': '/1.1/users?order=lastname&direction=asc&limit=100&offset={n}',
    'search Martin': '/1.1/users?search=martin&limit=100',
    'search selective': '/1.1/users?search=bernard-1012&limit=100',
    'full users': '/1.1/users?order=id&limit=100',
}


def main() -> int:
    from wazo_confd import config as confd_config
    from wazo_confd.controller import Controller

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, 'results', 'confd_pages.key')) as f:
        token = f.read().strip()
    workdir = tempfile.mkdtemp(prefix='confd-page-cpu-')
    key_file = os.path.join(workdir, 'key')
    with open(key_file, 'w') as f:
        f.write(token)
    config_file = os.path.join(workdir, 'config.yml')
    with open(config_file, 'w') as f:
        yaml.safe_dump(
            {
                'db_uri': 'postgresql://postgres@127.0.0.1:5432/confd_pages',
                'log_filename': os.path.join(workdir, 'log'),
                'log_level': 'warning',
                'state_dir': workdir,
                'extra_config_files': os.path.join(workdir, 'conf.d'),
                'rest_api': {'listen': '127.0.0.1', 'port': 0, 'workers': 1},
                'auth': {'backend': 'local', 'bootstrap_key_file': key_file, 'cache_ttl': 600},
                'bus': {'enabled': False},
                'sysconfd': {'enabled': False},
            },
            f,
        )
    config = confd_config.load(confd_config.parse_cli(['-c', config_file]))
    controller = Controller(config)
    client = controller.app.test_client()
    headers = {'X-Auth-Token': token}
    only = sys.argv[2] if len(sys.argv) > 2 else ''
    for name, template in PAGES.items():
        if only not in name:
            continue
        for n in range(20):  # warm up: caches, compiled statements
            assert client.get(template.format(n=1000 + n), headers=headers).status_code == 200
        started = time.thread_time()
        for n in range(count):
            response = client.get(template.format(n=(n * 7919) % 99_000), headers=headers)
            assert response.status_code == 200, response.data[:200]
        ms = (time.thread_time() - started) * 1000 / count
        print(f'{name}: {ms:.2f} CPU ms per page ({len(response.data)} bytes)', flush=True)
    controller.server.stop()
    return 0


if __name__ == '__main__':
    sys.exit(main())
