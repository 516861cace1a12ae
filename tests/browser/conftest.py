"""Playwright for Python driving Debian's Chromium, started by the tests themselves.

Without /usr/bin/chromium the browser tests skip, except on CI (CI=true) where they fail:
a green CI run must mean the browser tests ran. ``bin/install-test-packages`` (called by
``make test``) installs it. ``playwright install`` is never used.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}


def _require_chromium():
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is missing: run bin/install-test-packages (as root) to install it"
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="module")
def chromium():
    _require_chromium()
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread, which Django's async-safety
    # check would take for async code touching the database. The test code is synchronous.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(chromium):
    """A page in a fresh context that asks for Dutch, like most of the site's readers."""
    yield from _page(chromium, java_script=True)


@pytest.fixture
def page_without_javascript(chromium):
    """The same, with JavaScript off: the site must work without it."""
    yield from _page(chromium, java_script=False)


def _page(chromium, java_script: bool):
    """A page that fails its test on any script error or Content-Security-Policy violation:
    every page, public or admin, must work under the strict CSP (no inline style, script or
    handler it does not allow by hash)."""
    context = chromium.new_context(
        locale="nl-NL", viewport=DESKTOP, accept_downloads=True, java_script_enabled=java_script
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(f"{page.url}: {message.text}")
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
    yield page
    context.close()
    if problems:
        pytest.fail("In the browser:\n" + "\n".join(problems), pytrace=False)
