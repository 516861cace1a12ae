"""Real parts for the integration tests: redis-server, Celery worker and beat, SMTP.

Each test gets its own SQLite file, Redis port, SMTP port and beat schedule file, so the
subprocesses (worker, beat, the scenario script) share one database and nothing else.
"""

import asyncio
import email
import email.policy
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

from aiosmtpd.controller import Controller

from config.embedded_redis import free_port, start_redis

ROOT = Path(__file__).resolve().parents[2]


def wait_for(condition, timeout: float, interval: float = 0.2, message: str = ""):
    """Poll ``condition`` until it returns something truthy, or fail at the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out after {timeout} s: {message}")
        time.sleep(interval)


class Mailbox:
    """An aiosmtpd handler: keeps what it accepted; can refuse (451) or answer slowly."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.refusals = 0
        self.refusing = False
        self.delay = 0.0
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if self.refusing:
            with self._lock:
                self.refusals += 1
            return "451 4.3.0 Try again later"
        if self.delay:
            await asyncio.sleep(self.delay)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._lock:
            self.messages.append(message)
        return "250 OK"

    def snapshot(self) -> list:
        with self._lock:
            return list(self.messages)

    def by_message_id(self) -> Counter:
        return Counter(message["Message-ID"] for message in self.snapshot())


class Stack:
    """One test's processes and files."""

    def __init__(self, tmp_path: Path):
        self.tmp = tmp_path
        self.db = tmp_path / "db.sqlite3"
        self.redis_port = free_port()
        self.mailbox = Mailbox()
        self.smtp = Controller(self.mailbox, hostname="127.0.0.1", port=free_port())
        self.redis: subprocess.Popen | None = None
        self.processes: dict[str, subprocess.Popen] = {}
        url = f"redis://127.0.0.1:{self.redis_port}/0"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": f"sqlite:///{self.db}?timeout=30",
            "REDIS_URL": url,
            "CELERY_BROKER_URL": url,
            "EMAIL_URL": f"smtp://127.0.0.1:{self.smtp.port}",
            "EMAIL_TIMEOUT": "5",
            "SITE_URL": "https://tracker.example.org",
            "REMINDER_SWEEP_SECONDS": "1",
            "REMINDER_LEASE_SECONDS": "8",
            "REMINDER_RETRY_SECONDS": "1",
            "REMINDER_RETRY_MAX_SECONDS": "2",
            "LOG_LEVEL": "INFO",
            "PYTHONUNBUFFERED": "1",
        }

    # Setting up

    def start(self) -> "Stack":
        self.smtp.start()
        self.start_redis()
        self.manage("migrate", "--noinput", "-v0")
        return self

    def manage(self, *args: str) -> str:
        return self.run([sys.executable, "manage.py", *args])

    def run(self, command: list[str]) -> str:
        done = subprocess.run(command, cwd=ROOT, env=self.env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def scenario(self, extra_owners: int = 0, slug: str = "debate") -> dict:
        out = self.run([sys.executable, "-m", "tests.reminders.scenario", str(extra_owners), slug])
        return json.loads(out.strip().splitlines()[-1])

    def start_redis(self) -> None:
        log = open(self.tmp / "redis.log", "ab")  # noqa: SIM115
        self.redis = start_redis(
            self.redis_port, self.tmp / "redis", stdout=log, stderr=subprocess.STDOUT
        )

    def stop_redis(self) -> None:
        self.redis.kill()
        self.redis.wait(10)

    def _spawn(self, name: str, args: list[str], supervised: bool = False) -> subprocess.Popen:
        log = open(self.tmp / f"{name}.log", "ab")  # noqa: SIM115
        command = [sys.executable, "-m", "celery", "-A", "config", *args]
        if supervised:
            # What systemd's Restart=always or compose's restart policy does in production.
            loop = 'while :; do "$@"; echo "supervisor: exited with $?, restarting"; sleep 1; done'
            command = ["sh", "-c", loop, "sh", *command]
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: SIGKILL reaches the pool too
        )
        self.processes[name] = process
        return process

    def start_worker(
        self, name: str = "worker", concurrency: int = 2, supervised: bool = False
    ) -> subprocess.Popen:
        return self._spawn(
            name,
            ["worker", "-n", f"{name}@%h", "--loglevel", "INFO", "--concurrency",
             str(concurrency), "--without-gossip", "--without-mingle"],
            supervised,
        )  # fmt: skip

    def start_beat(self, name: str = "beat") -> subprocess.Popen:
        return self._spawn(
            name, ["beat", "--loglevel", "INFO", "-s", str(self.tmp / f"{name}-schedule")]
        )

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        process = self.processes.pop(name)
        os.killpg(process.pid, sig)
        process.wait(15)

    def stop(self) -> None:
        for name in list(self.processes):
            process = self.processes[name]
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for name, process in list(self.processes.items()):
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(5)
            del self.processes[name]
        if self.redis and self.redis.poll() is None:
            self.stop_redis()
        self.smtp.stop()

    def logs(self) -> str:
        return "\n".join(
            f"--- {path.name}\n{path.read_text(errors='replace')[-3000:]}"
            for path in sorted(self.tmp.glob("*.log"))
        )

    # Looking

    def reminders(self) -> list[dict]:
        with sqlite3.connect(self.db, timeout=30) as connection:
            connection.row_factory = sqlite3.Row
            rows = connection.execute("SELECT * FROM tracker_reminder ORDER BY id").fetchall()
        return [dict(row) for row in rows]

    def wait_for_mail(self, count: int, timeout: float = 60) -> list:
        """Wait until ``count`` distinct messages arrived; fail with the logs if not."""
        try:
            wait_for(
                lambda: len(self.mailbox.by_message_id()) >= count,
                timeout,
                message=f"{count} messages expected, {len(self.mailbox.by_message_id())} came",
            )
        except AssertionError as error:
            raise AssertionError(f"{error}\n{self.logs()}") from None
        return self.mailbox.snapshot()

    def settle(self, seconds: float = 4) -> None:
        """Let a few more sweeps run, so that a duplicate would have time to arrive."""
        time.sleep(seconds)
