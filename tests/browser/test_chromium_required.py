"""Without Chromium the browser tests skip on a laptop and fail on CI."""

from pathlib import Path

import pytest

from tests.browser import conftest


@pytest.fixture
def no_chromium(monkeypatch):
    monkeypatch.setattr(conftest, "CHROMIUM", Path("/nonexistent/chromium"))


def test_browser_tests_fail_on_ci_without_chromium(no_chromium, monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="chromium is missing"):
        conftest._require_chromium()


def test_browser_tests_skip_elsewhere_without_chromium(no_chromium, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="install-test-packages"):
        conftest._require_chromium()
