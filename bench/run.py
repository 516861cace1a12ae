"""`make bench`: how fast the public site, the feeds, the exports and the API lists answer,
at the seed's size and at a hundred times it, served by gunicorn under production settings
and driven by wrk beside a trivial view on the same server; then the reminder sweep's and
`verify_ledger`'s time and peak memory. Prints a Markdown table.

    python -m bench.run                 # the large data set (10,000 demands), built once
    python -m bench.run --size seed     # the coalition's seed data
    DATABASE_URL=postgres://... python -m bench.run

The data set is generated through ledger.services (bench/generate.py) into
var/bench/<size>/ and kept for the next run (--fresh builds it again). Traffic goes to
127.0.0.1 only, bounded in time.
"""

import argparse
import base64
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
TRIVIAL = "/admin/login/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(data: Path) -> dict:
    """Production settings, on the bench's own database, key and files."""
    key_file = data / "signing.key"
    if not key_file.exists():
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        data.mkdir(parents=True, exist_ok=True)
        seed = Ed25519PrivateKey.generate().private_bytes_raw()
        key_file.write_text(base64.b64encode(seed).decode())
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": "https://bench.example.org",
        # The bench speaks plain HTTP to 127.0.0.1; production sits behind TLS.
        "SECURE_SSL_REDIRECT": "false",
        "LEDGER_SIGNING_KEY": key_file.read_text().strip(),
        "LEDGER_WITNESS_FILE": str(data / "witness.jsonl"),
        "STATIC_ROOT": str(data / "static"),
        "LOG_LEVEL": "WARNING",
        # wrk is one client at thousands of requests a minute: the API still counts each
        # request against the rate (that work is measured), but never refuses one.
        "API_RATE_ANONYMOUS": "1000000/second",
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{data / 'db.sqlite3'}")
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def manage(env: dict, *args: str, capture: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=capture,
        text=True,
    )


def build(size: str, data: Path, env: dict, fresh: bool) -> None:
    marker = data / "generated"
    manage(env, "migrate", "-v0")
    if marker.exists() and not fresh:
        manage(env, "collectstatic", "--noinput", "-v0")  # This checkout's files.
        return
    if fresh and data.exists():
        for name in ("db.sqlite3", "db.sqlite3-wal", "db.sqlite3-shm", "witness.jsonl"):
            (data / name).unlink(missing_ok=True)
    manage(env, "migrate", "-v0")
    started = time.monotonic()
    if size == "seed":
        manage(env, "load_seed")
    else:
        subprocess.run([PYTHON, "-m", "bench.generate"], env=env, cwd=ROOT, check=True)
    print(f"Data set '{size}' built in {time.monotonic() - started:.0f} s.", file=sys.stderr)
    manage(env, "collectstatic", "--noinput", "-v0")
    marker.write_text(time.strftime("%Y-%m-%d %H:%M"))


def sample_urls(env: dict) -> list[tuple[str, str]]:
    """The pages to drive, with real references from the data set."""
    script = """
import json
from tracker.models import Demand, Indicator, Meeting, Source, Statement, Theme, local_today
demand = Demand.objects.published().order_by("pk").first()
statement = Statement.objects.published().order_by("pk").first()
source = Source.objects.filter(is_published=True).order_by("pk").first()
meetings = Meeting.objects.published().exclude(date=None)
coming = meetings.order_by("-date").first()
past = meetings.filter(date__lt=local_today()).order_by("-date").first() or coming
indicator = Indicator.objects.order_by("pk").first()
theme = Theme.objects.order_by("pk").first()
print(json.dumps([demand.reference, statement.reference, source.slug, coming.slug, past.slug,
                  indicator.slug, theme.slug]))
"""
    out = manage(env, "shell", "-c", script, capture=True).stdout
    reference, statement, source, coming, past, indicator, theme = json.loads(
        out.strip().splitlines()[-1]
    )
    return [
        ("trivial view", TRIVIAL),
        ("overview", "/"),
        ("demand list", "/demands/"),
        ("demand list, filtered", f"/demands/?theme={theme}&overdue=true"),
        ("demand", f"/demands/{reference}/"),
        ("statements", "/statements/"),
        ("statement", f"/statements/{statement}/"),
        ("sources", "/sources/"),
        ("source", f"/sources/{source}/"),
        ("meetings", "/meetings/"),
        ("meeting to come", f"/meetings/{coming}/"),
        ("meeting held", f"/meetings/{past}/"),
        ("figures", "/indicators/"),
        ("figure", f"/indicators/{indicator}/"),
        ("ledger", "/ledger/"),
        ("Atom feed", "/feeds/status-changes.atom"),
        ("theme feed", f"/feeds/themes/{theme}.atom"),
        ("iCal feed", "/feeds/calendar.ics"),
        ("CSV export", "/demands/export.csv"),
        ("JSON export", "/demands/export.json"),
        ("API: demands", "/api/v1/demands/"),
        ("API: statements", "/api/v1/statements/"),
        ("API: ledger", "/api/v1/ledger/entries/"),
    ]


def drive(env: dict, urls: list, args, cached: bool) -> list:
    """Serve the site and drive each page with wrk: from the page cache, or without it."""
    port = free_port()
    server = serve({**env, "PUBLIC_CACHE_SECONDS": "86400" if cached else "0"}, port, args.workers)
    rows = []
    try:
        for label, path in urls:
            status, size = fetch(port, path)  # Also fills the cache before it is measured.
            if status == 404:
                continue  # Not on this version (e.g. no API yet).
            rows.append(
                (label, path, status, size, wrk(port, path, args.seconds, args.connections))
            )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    return rows


def serve(env: dict, port: int, workers: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{TRIVIAL}", timeout=2)
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not start")


def fetch(port: int, path: str) -> tuple[int, int]:
    """Status and size of one response (the body read in full)."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=120) as response:
            return response.status, len(response.read())
    except urllib.error.HTTPError as error:
        return error.code, 0


def wrk(port: int, path: str, seconds: int, connections: int) -> dict:
    out = subprocess.run(
        [
            "wrk",
            f"-t{min(2, connections)}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "30s",
            "--latency",
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rate": rate,
        "p50": latency.get("50", "?"),
        "p99": latency.get("99", "?"),
        "errors": int(errors.group(1)) if errors else 0,
    }


def query_counts(env: dict, paths: list[str]) -> dict[str, int]:
    """SQL queries per page, counted in-process with the test client on the same data."""
    script = f"""
import json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_HOST="localhost")
counts = {{}}
for path in {paths!r}:
    client.get(path)  # warm: the count is that of a steady state (sessions, figures)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
        if response.streaming:
            b"".join(response.streaming_content)
    counts[path] = len(queries)
print(json.dumps(counts))
"""
    out = manage(env, "shell", "-c", script, capture=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def measured(env: dict, module_args: list[str]) -> dict:
    out = subprocess.run(
        [PYTHON, "-m", "bench.measure", *module_args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def smtp_sink() -> tuple[subprocess.Popen, int]:
    port = free_port()
    server = subprocess.Popen(
        [PYTHON, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Sink"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1)
    return server, port


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=["seed", "large"], default="large")
    parser.add_argument("--seconds", type=int, default=5, help="wrk's time per page")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--fresh", action="store_true", help="build the data set again")
    args = parser.parse_args()

    data = ROOT / "var" / "bench" / args.size
    env = environment(data)
    build(args.size, data, env, args.fresh)
    urls = sample_urls(env)
    uncached = drive(env, urls, args, cached=False)
    cached = {path: result for _l, path, _s, _b, result in drive(env, urls, args, cached=True)}
    rows = uncached
    # Counted without the page cache: what a page costs when the data has just changed.
    counts = query_counts({**env, "PUBLIC_CACHE_SECONDS": "0"}, [path for _l, path, *_r in rows])
    sink, smtp_port = smtp_sink()
    try:
        sweep_env = {**env, "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}"}
        first_sweep = measured(sweep_env, ["sweep"])
        second_sweep = measured(sweep_env, ["sweep-again"])
    finally:
        sink.terminate()
    verification = measured(env, ["verify"])

    baseline = rows[0][4]["rate"]
    cached_baseline = cached[TRIVIAL]["rate"]
    print(f"\n### `make bench`, {args.size} data set, {time.strftime('%Y-%m-%d')}\n")
    print(
        f"{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{'PostgreSQL' if env['DATABASE_URL'].startswith('postgres') else 'SQLite'}; "
        f"gunicorn {args.workers} workers, production settings; wrk {args.connections} "
        f"connections, {args.seconds} s per page.\n"
    )
    print(
        "| page | cached req/s | × trivial | p50 | p99 | uncached req/s | × trivial | p50 "
        "| p99 | SQL queries | bytes |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for label, path, _status, size, result in rows:
        hit = cached.get(path, result)
        errors = result["errors"] + hit["errors"]
        note = f" ({errors} errors)" if errors else ""
        print(
            f"| {label}{note} `{path}` | {hit['rate']:.0f} | {hit['rate'] / cached_baseline:.2f} "
            f"| {hit['p50']} | {hit['p99']} | {result['rate']:.0f} | "
            f"{result['rate'] / baseline:.2f} | {result['p50']} | {result['p99']} "
            f"| {counts.get(path, '?')} | {size:,} |"
        )
    print()
    print("| job | wall time | CPU time | peak memory (RSS) | result |")
    print("|---|---:|---:|---:|---|")
    for label, result in (
        ("reminder sweep, first", first_sweep),
        ("reminder sweep, nothing new", second_sweep),
        ("verify_ledger", verification),
    ):
        print(
            f"| {label} | {result['wall']:.1f} s | {result['cpu']:.1f} s | "
            f"{result['rss_mb']:.0f} MB | {result['result']} |"
        )


if __name__ == "__main__":
    if not shutil.which("wrk"):
        sys.exit("bench: wrk is missing; `make bench` installs it (apt-get install wrk).")
    main()
