"""The site as production runs it: gunicorn over TLS with DEBUG off, a real secret and
PostgreSQL (a throwaway server via bin/with-postgres; SQLite where PostgreSQL is missing),
walked in Chromium. Every page carries the strict CSP and HSTS, the browser reports no
error and no CSP violation, public pages and the API's documentation leave no cookie, and a
coordinator logs in to the admin with password and code and makes an API token that
writes."""

import base64
import json
import os
import secrets
import shutil
import signal
import ssl
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from django_otp.oath import totp

from config.embedded_redis import free_port
from tests.browser.conftest import CHROMIUM_ARGS, _require_chromium
from tests.deploy.production import ROOT, strong_secret_key
from tests.reminders.harness import wait_for

pytestmark = [pytest.mark.browser, pytest.mark.integration]

EMAIL, PASSWORD = "coordinator@example.org", "a-long-passphrase-for-tests"
OTP_KEY = secrets.token_hex(20)
CREATE_COORDINATOR = f"""
from accounts.models import Organisation, Role, User
from django_otp.plugins.otp_totp.models import TOTPDevice
user = User.objects.create_user(
    email="{EMAIL}", password="{PASSWORD}", is_staff=True, name="Coördinator",
    organisation=Organisation.objects.get(slug="werkgroep-kind-in-azc"),
)
user.set_role(Role.COORDINATOR)
TOTPDevice.objects.create(user=user, name="app", key="{OTP_KEY}", confirmed=True)
"""
# Every kind of public page, in Dutch and in English (each list's first item as well, below).
LISTS = ["/demands/", "/statements/", "/sources/", "/meetings/", "/indicators/"]
PAGES = ["/", *LISTS, "/explanation/", "/ledger/"]
PUBLIC = PAGES + ["/en" + path for path in PAGES]
# A change to a seeded demand, as Dutch Excel saves it: the import checks it and shows it.
IMPORT_FILE = b"reference;title_en\r\nWKA-2025-01;Children out of crisis emergency shelter\r\n"


def insecure_tls() -> ssl.SSLContext:
    """For the test's own self-signed certificate."""
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    return context


def postgres_available() -> bool:
    return bool(shutil.which("initdb") or list(Path("/usr/lib/postgresql").glob("*/bin/initdb")))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    _require_chromium()
    tmp = tmp_path_factory.mktemp("production")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", tmp / "key.pem", "-out", tmp / "cert.pem", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DEBUG", "DEMO_MODE", "SECRET_KEY"}},
        "DEBUG": "false",
        "SECRET_KEY": strong_secret_key(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"https://127.0.0.1:{port}",
        "PROXY_SSL_HEADER": "",  # gunicorn speaks TLS itself here: no proxy in front
        "STATIC_ROOT": str(tmp / "static"),
        "REDIS_URL": f"redis://127.0.0.1:{free_port()}/0",
        "BACKUP_DIR": str(tmp / "backups"),
        "LEDGER_SIGNING_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
        "LEDGER_WITNESS_FILE": str(tmp / "checkpoints.jsonl"),
    }
    python = sys.executable
    steps = " && ".join(
        [
            f"{python} manage.py migrate --noinput -v0",
            f"{python} manage.py load_seed",
            f"{python} manage.py collectstatic --noinput -v0",
            f'{python} manage.py shell -v0 -c "$CREATE_COORDINATOR"',
            f"exec {python} -m gunicorn config.wsgi --bind 127.0.0.1:{port} --workers 2 "
            f"--certfile {tmp / 'cert.pem'} --keyfile {tmp / 'key.pem'} --pid {tmp / 'pid'}",
        ]
    )
    env["CREATE_COORDINATOR"] = CREATE_COORDINATOR
    if postgres_available():
        create = 'psql -q "${DATABASE_URL%/ledger}/postgres" -c "CREATE DATABASE ledger"'
        command = [str(ROOT / "bin" / "with-postgres"), "bash", "-c", f"{create} && {steps}"]
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp / 'db.sqlite3'}"
        command = ["bash", "-c", steps]
    log = open(tmp / "server.log", "wb")  # noqa: SIM115
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"https://127.0.0.1:{port}"
    insecure = insecure_tls()

    def answers():
        if process.poll() is not None:
            raise AssertionError((tmp / "server.log").read_text()[-3000:])
        try:
            return urllib.request.urlopen(url + "/sources/", context=insecure, timeout=5)
        except OSError:
            return None

    try:
        wait_for(answers, timeout=180, interval=0.5, message="gunicorn did not answer")
        yield url, env, port
    finally:
        pid_file = tmp / "pid"
        if pid_file.exists():
            os.kill(int(pid_file.read_text()), signal.SIGTERM)
        try:
            process.wait(30)  # with-postgres then stops its server and removes its files
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
        log.close()


@pytest.fixture
def browser_page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        context = browser.new_context(ignore_https_errors=True, locale="nl-NL")
        page = context.new_page()
        page.set_default_timeout(15_000)
        problems: list[str] = []

        def on_console(message):
            # A failed load is reported below with its address; CSP violations and script
            # errors are reported here.
            if message.type == "error" and not message.text.startswith("Failed to load"):
                problems.append(f"{page.url}: {message.text}")

        def on_response(response):
            if response.status >= 400:
                problems.append(f"{response.url}: {response.status}")

        page.on("console", on_console)
        page.on("response", on_response)
        page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
        yield page, context, problems
        browser.close()


def visit(page, url: str) -> dict:
    response = page.goto(url)
    assert response.status == 200, url
    headers = response.headers
    policy = headers.get("content-security-policy", "")
    assert "default-src 'none'" in policy and "script-src 'self'" in policy, url
    assert "unsafe-inline" not in policy, url
    assert "max-age=31536000" in headers.get("strict-transport-security", ""), url
    return headers


def test_the_public_site_under_production_settings(server, browser_page):
    url, _env, _port = server
    page, context, problems = browser_page
    for path in PUBLIC:
        visit(page, url + path)
    for language in ("", "/en"):
        for listing in LISTS:
            page.goto(url + language + listing)
            link = page.locator(f"main a[href^='{language}{listing}'][href$='/']").first
            visit(page, url + link.get_attribute("href"))
    for download in ("/demands/export.csv", "/ledger/export.json"):
        assert page.request.get(url + download).ok, download
    page.goto(url + "/statements/")
    page.get_by_role("link", name="English").click()
    assert page.url == url + "/en/statements/"

    # The open data API's documentation, linked from every page's footer: Swagger UI under
    # the same CSP (its script and styles from files), reading the schema and trying a read.
    footer_link = page.locator("footer").get_by_role("link", name="Open data API")
    assert footer_link.get_attribute("href") == "/api/docs/"
    visit(page, url + "/api/docs/")
    page.wait_for_selector(".opblock")
    themes = page.locator(".opblock-get", has_text="/api/v1/themes/").first
    themes.locator(".opblock-summary").first.click()
    themes.get_by_role("button", name="Try it out").click()
    themes.locator(".execute").click()
    themes.locator(".live-responses-table .response .response-col_status").wait_for()
    assert themes.locator(".live-responses-table .response-col_status").last.inner_text() == "200"
    for schema in ("/api/schema/", "/api/schema/?format=json"):
        answer = page.request.get(url + schema)
        assert answer.ok, schema
        assert "default-src 'none'" in answer.headers["content-security-policy"], schema
        assert "max-age=31536000" in answer.headers["strict-transport-security"], schema
    assert context.cookies() == []  # nothing a shared cache would have to tell apart
    assert problems == []


def test_a_coordinator_logs_in_with_password_and_code(server, browser_page):
    url, _env, _port = server
    page, context, problems = browser_page
    visit(page, url + "/admin/")  # redirected to the login page, which answers 200
    page.locator("#id_username").fill(EMAIL)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_otp_token").fill(f"{totp(bytes.fromhex(OTP_KEY)):06d}")
    page.locator("#login-form [type=submit]").click()
    page.wait_for_url(url + "/admin/")
    cookies = {cookie["name"]: cookie for cookie in context.cookies()}
    assert cookies["sessionid"]["secure"] and cookies["sessionid"]["httpOnly"]
    assert cookies["csrftoken"]["secure"]

    # Pages that use the admin's JavaScript: list actions, autocomplete, date widgets.
    for path in [
        "/admin/tracker/demand/",
        "/admin/tracker/source/add/",
        "/admin/tracker/demand/export/",
        "/admin/axes/accessattempt/",
        "/accounts/profile/",
        "/accounts/two-step-login/",
    ]:
        visit(page, url + path)
    page.goto(url + "/admin/tracker/demand/")
    page.locator("table#result_list tbody th a").first.click()
    assert "/change/" in page.url
    page.locator(".select2-selection").first.click()
    page.wait_for_selector(".select2-results__option")

    # The workplace's own pages: import (up to its preview), export, a meeting with who will
    # be reminded and its printable briefing, the correction of a ledger entry.
    visit(page, url + "/admin/tracker/demand/import/")
    page.locator("#id_import_file").set_input_files(
        files=[{"name": "eisen.csv", "mimeType": "text/csv", "buffer": IMPORT_FILE}]
    )
    page.locator("#content-main form [type=submit]").click()
    page.wait_for_selector("table.import-preview")
    page.goto(url + "/admin/tracker/meeting/")
    page.locator("table#result_list tbody th a").first.click()
    page.wait_for_selector("#reminder-plan")
    page.get_by_role("link", name="Briefing", exact=True).click()
    page.get_by_role("button", name="Afdrukken of opslaan als pdf").wait_for()
    page.goto(url + "/admin/ledger/entry/?kind__exact=status")
    page.locator("table#result_list tbody th a").first.click()
    page.get_by_role("link", name="Deze regel corrigeren").click()
    assert page.url.endswith("/correct/")

    # A personal API token, made on the profile page and used by a script for a write.
    visit(page, url + "/accounts/profile/")
    page.locator("#id_token-name").fill("Script na debatten")
    page.get_by_role("button", name="Maak een nieuwe sleutel").click()
    key = page.locator("#new-api-key").inner_text()
    write = urllib.request.Request(
        url + "/api/v1/demands/WKA-2025-01/entries/",
        data=json.dumps(
            {"kind": "status", "status": "in_progress", "public_note": "Na het debat."}
        ).encode(),
        headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(write, context=insecure_tls()) as written:
        assert written.status == 201
    demand = urllib.request.urlopen(url + "/api/v1/demands/WKA-2025-01/", context=insecure_tls())
    assert json.load(demand)["status"] == "in_progress"
    assert problems == []
