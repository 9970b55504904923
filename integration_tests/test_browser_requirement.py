"""The browser test never passes silently: without Chromium it fails in CI, skips elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers.browser import require_chromium


def test_a_missing_chromium_fails_in_ci(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv('CI', 'true')

    with pytest.raises(pytest.fail.Exception, match='chromium and chromedriver not found'):
        require_chromium(path=str(tmp_path))


def test_a_missing_chromium_skips_outside_ci_and_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv('CI', raising=False)

    with pytest.raises(pytest.skip.Exception, match='apt-get install chromium chromium-driver'):
        require_chromium(path=str(tmp_path))
