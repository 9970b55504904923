"""GET /1.1/api/: the reference page and its files over HTTP: no token, content types,
cache headers, 404 for anything else, and the same page behind a reverse proxy."""

from __future__ import annotations

import http.client
import re
from urllib.parse import urljoin

import pytest
import requests
import yaml

from .helpers.daemon import Daemon

PROXY = {'X-Script-Name': '/confd', 'X-Forwarded-Host': 'pbx.example.com', 'X-Forwarded-Proto': 'https'}


def _page(daemon: Daemon, path: str = '/api/', **kwargs: object) -> requests.Response:
    return requests.get(f'{daemon.base_url}{path}', timeout=10, allow_redirects=False, **kwargs)  # type: ignore[arg-type]


def _links(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"]+)"', html)


def _raw_get(daemon: Daemon, path: str) -> http.client.HTTPResponse:
    """Sends the path exactly as written (requests would normalize dot segments)."""
    connection = http.client.HTTPConnection('127.0.0.1', daemon.port, timeout=10)
    connection.request('GET', path)
    response = connection.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    connection.close()
    return response


@pytest.mark.parametrize('path', ['/api/', '/api/index.html'])
def test_the_page_is_html_without_a_token_and_revalidated(pg_daemon: Daemon, path: str) -> None:
    response = _page(pg_daemon, path)

    assert response.status_code == 200
    assert response.headers['Content-Type'] == 'text/html; charset=utf-8'
    assert response.headers['Cache-Control'] == 'no-cache'
    assert "default-src 'none'" in response.headers['Content-Security-Policy']
    assert 'swagger-ui' in response.text


def test_the_page_answers_304_to_its_etag(pg_daemon: Daemon) -> None:
    etag = _page(pg_daemon).headers['ETag']

    assert _page(pg_daemon, headers={'If-None-Match': etag}).status_code == 304


def test_every_file_of_the_page_is_relative_and_served_with_its_type(pg_daemon: Daemon) -> None:
    page_url = f'{pg_daemon.base_url}/api/'
    links = _links(_page(pg_daemon).text)
    answers = {link: requests.get(urljoin(page_url, link), timeout=10) for link in links}

    assert links and not [link for link in links if link.startswith(('/', 'http:', 'https:'))]
    assert {link: a.status_code for link, a in answers.items()} == {link: 200 for link in links}
    types = {link.rsplit('.', 1)[1]: a.headers['Content-Type'] for link, a in answers.items()}
    assert types == {'css': 'text/css; charset=utf-8', 'png': 'image/png', 'js': 'text/javascript; charset=utf-8'}


def test_versioned_files_are_cached_for_a_year_and_the_initializer_is_revalidated(pg_daemon: Daemon) -> None:
    page_url = f'{pg_daemon.base_url}/api/'
    links = _links(_page(pg_daemon).text)
    asset = next(link for link in links if link.endswith('swagger-ui-bundle.js'))

    cached = requests.get(urljoin(page_url, asset), timeout=10)
    initializer = requests.get(urljoin(page_url, 'reference.js'), timeout=10)

    assert cached.headers['Cache-Control'] == 'public, max-age=31536000, immutable'
    assert cached.headers['X-Content-Type-Options'] == 'nosniff'
    assert initializer.headers['Cache-Control'] == 'no-cache'
    assert requests.get(urljoin(page_url, asset), headers={'If-None-Match': cached.headers['ETag']}).status_code == 304


def _asset_dir(daemon: Daemon) -> str:
    bundle = next(link for link in _links(_page(daemon).text) if link.endswith('swagger-ui-bundle.js'))
    return '/1.1/api/' + bundle.rsplit('/', 1)[0]


@pytest.mark.parametrize(
    'name',
    [
        'nope.js',
        'swagger-initializer.js',
        'index.html',
        '',
        '..%2f..%2f..%2f__init__.py',
        '..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd',
        '%2e%2e%2fswagger-ui-bundle.js',
        '../swagger-ui-bundle.js',
        '..%5c__init__.py',
    ],
)
def test_anything_but_a_served_file_is_a_json_404(pg_daemon: Daemon, name: str) -> None:
    response = _raw_get(pg_daemon, f'{_asset_dir(pg_daemon)}/{name}')

    assert response.status == 404
    assert response.getheader('Content-Type') == 'application/json'
    assert response.body.startswith(b'["Resource Not Found')  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    'path', ['/1.1/api/assets/', '/1.1/api/assets/..%2f..%2fplugin.py/x', '/1.1/api/assets/0.0.0/swagger-ui.css']
)
def test_no_listing_and_no_other_version(pg_daemon: Daemon, path: str) -> None:
    assert _raw_get(pg_daemon, path).status == 404


def test_without_its_slash_the_page_redirects_behind_the_proxy_too(pg_daemon: Daemon) -> None:
    direct = _page(pg_daemon, '/api')
    proxied = _page(pg_daemon, '/api', headers=PROXY)

    assert direct.status_code == 308 and direct.headers['Location'].endswith('/1.1/api/')
    assert proxied.headers['Location'] == 'https://pbx.example.com/confd/1.1/api/'


def test_behind_a_prefix_the_document_points_try_it_out_through_the_proxy(pg_daemon: Daemon) -> None:
    direct = yaml.safe_load(_page(pg_daemon, '/api/api.yml').text)
    proxied = _page(pg_daemon, '/api/api.yml', headers=PROXY)

    assert direct['servers'] == [{'url': '/1.1'}]
    assert yaml.safe_load(proxied.text)['servers'] == [{'url': '/confd/1.1'}]
    assert proxied.headers['ETag'] != _page(pg_daemon, '/api/api.yml').headers['ETag']


def test_the_document_is_revalidated_with_its_etag(pg_daemon: Daemon) -> None:
    first = _page(pg_daemon, '/api/api.yml')

    assert first.headers['Cache-Control'] == 'no-cache'
    assert _page(pg_daemon, '/api/api.yml', headers={'If-None-Match': first.headers['ETag']}).status_code == 304
