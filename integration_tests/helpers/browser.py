"""Headless Chromium (Debian's chromium and chromedriver) driven by selenium, offline.

In CI (CI=true) a missing browser fails the test that asks for one; elsewhere it skips it
with the command that installs it."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver import Chrome
from selenium.webdriver.chrome.service import Service

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / 'build' / 'test-artifacts'
INSTALL = 'apt-get install chromium chromium-driver'
# No first-run work, no calls home: the machines that run the tests have no outside network.
OFFLINE_FLAGS = (
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
    '--window-size=1400,1600',
)


def require_chromium(path: str | None = None) -> tuple[str, str]:
    """The paths of chromium and chromedriver, looked up on `path` (default: PATH and
    /usr/bin); fails in CI, skips elsewhere when missing."""
    path = path if path is not None else f'{os.environ.get("PATH", "")}{os.pathsep}/usr/bin'
    browser = shutil.which('chromium', path=path) or shutil.which('chromium-browser', path=path)
    driver = shutil.which('chromedriver', path=path)
    if browser and driver:
        return browser, driver
    missing = ' and '.join(name for name, found in (('chromium', browser), ('chromedriver', driver)) if not found)
    reason = f'{missing} not found: {INSTALL} (.ci/run installs them)'
    if os.environ.get('CI') == 'true':
        pytest.fail(f'CI: {reason}', pytrace=False)
    pytest.skip(reason)


@contextmanager
def chromium() -> Iterator[Chrome]:
    browser, driver_path = require_chromium()
    profile = tempfile.mkdtemp(prefix='confd-chromium-')
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in (*OFFLINE_FLAGS, f'--user-data-dir={profile}'):
        options.add_argument(flag)
    options.set_capability('goog:loggingPrefs', {'browser': 'ALL'})
    driver = Chrome(service=Service(driver_path), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def save_screenshot(driver: Chrome, tmp_path: Path, name: str) -> Path:
    """Saves a screenshot in the test's tmp path and a copy in build/test-artifacts/."""
    shot = tmp_path / name
    driver.save_screenshot(str(shot))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, ARTIFACTS / name)
    return shot
