"""The API reference page in a real browser (headless Chromium): it renders every
operation of the daemon's document, and "try it out" works with the admin key, directly
and behind a reverse proxy's prefix."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver import Chrome
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from .helpers.browser import chromium, save_screenshot
from .helpers.daemon import Daemon
from .helpers.reverse_proxy import ReverseProxy

RENDER_TIMEOUT = 60


@pytest.fixture(scope='module')
def browser() -> Iterator[Chrome]:
    with chromium() as driver:
        yield driver


def _open(browser: Chrome, url: str) -> Chrome:
    browser.get(url)
    WebDriverWait(browser, RENDER_TIMEOUT).until(lambda d: d.find_elements(By.CSS_SELECTOR, '.opblock'))
    return browser


@pytest.fixture(scope='module')
def page(browser: Chrome, pg_daemon: Daemon) -> Chrome:
    return _open(browser, f'{pg_daemon.base_url}/api/')


def _operation(page: Chrome, method: str, path: str) -> WebElement:
    for block in page.find_elements(By.CSS_SELECTOR, f'.opblock-{method}'):
        if block.find_element(By.CSS_SELECTOR, '.opblock-summary-path').get_attribute('data-path') == path:
            return block
    raise AssertionError(f'{method.upper()} {path} is not on the page')


def _try_get_users(page: Chrome, key: str) -> WebElement:
    """Authorize with the key, then "Try it out" and "Execute" on GET /users; the operation."""
    page.find_element(By.CSS_SELECTOR, '.auth-wrapper .authorize').click()
    key_input = WebDriverWait(page, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, '.auth-container input'))
    key_input.send_keys(key)
    page.find_element(By.CSS_SELECTOR, '.auth-btn-wrapper .authorize').click()
    page.find_element(By.CSS_SELECTOR, '.auth-btn-wrapper .btn-done').click()

    operation = _operation(page, 'get', '/users')
    operation.find_element(By.CSS_SELECTOR, '.opblock-summary').click()
    WebDriverWait(page, 10).until(lambda d: operation.find_elements(By.CSS_SELECTOR, '.try-out__btn'))[0].click()
    operation.find_element(By.CSS_SELECTOR, '.execute').click()
    status = WebDriverWait(page, RENDER_TIMEOUT).until(
        lambda d: operation.find_elements(By.CSS_SELECTOR, '.live-responses-table .response .response-col_status')
    )[0]
    page.execute_script('arguments[0].scrollIntoView({block: "center"})', status)
    return operation


def _answer(operation: WebElement) -> tuple[str, str, str]:
    """The status, body and request URL that the page shows for the last execution."""
    row = operation.find_element(By.CSS_SELECTOR, '.live-responses-table .response')
    return (
        row.find_element(By.CSS_SELECTOR, '.response-col_status').text.strip(),
        row.find_element(By.CSS_SELECTOR, '.response-col_description').text,
        operation.find_element(By.CSS_SELECTOR, '.request-url pre').text.strip(),
    )


def test_the_page_lists_the_users_operations(page: Chrome, tmp_path: Path) -> None:
    shown = {
        (block.find_element(By.CSS_SELECTOR, '.opblock-summary-method').text, path.get_attribute('data-path'))
        for block in page.find_elements(By.CSS_SELECTOR, '.opblock')
        for path in block.find_elements(By.CSS_SELECTOR, '.opblock-summary-path')
    }
    save_screenshot(page, tmp_path, 'api-reference.png')

    assert {('GET', '/users'), ('POST', '/users'), ('GET', '/users/{id}'), ('PUT', '/users/{id}')} <= shown
    assert ('DELETE', '/users/{id}') in shown


def test_try_it_out_get_users_with_the_admin_key_shows_a_200(page: Chrome, pg_daemon: Daemon, tmp_path: Path) -> None:
    operation = _try_get_users(page, pg_daemon.admin_key())
    save_screenshot(page, tmp_path, 'api-reference-try-it-out.png')

    status, body, url = _answer(operation)
    assert status.startswith('200')
    assert '"total"' in body and '"items"' in body
    assert url.startswith(f'{pg_daemon.base_url}/users')


def test_the_page_breaks_no_rule_of_its_security_policy(page: Chrome) -> None:
    # Anything fetched from elsewhere (a CDN, a validator) would be refused and logged here.
    errors = [entry['message'] for entry in page.get_log('browser') if entry['level'] == 'SEVERE']

    assert errors == []


def test_behind_a_proxy_prefix_the_page_and_try_it_out_go_through_the_proxy(
    browser: Chrome, pg_daemon: Daemon, tmp_path: Path
) -> None:
    with ReverseProxy(pg_daemon.port) as proxy:
        page = _open(browser, f'{proxy.url}/1.1/api/')
        operation = _try_get_users(page, pg_daemon.admin_key())
        save_screenshot(page, tmp_path, 'api-reference-behind-proxy.png')
        status, body, url = _answer(operation)

    assert status.startswith('200') and '"items"' in body
    assert url.startswith(f'{proxy.url}/1.1/users')
