"""The containers' health checks: ``python -m config.healthcheck web|beat``. Exit 0 if healthy.

- ``web``: this container's gunicorn answers ``/health/`` and reaches the database. Redis
  and the beat are reported by ``/health/`` for monitoring, but do not make a web container
  unhealthy: it still serves the site without them.
- ``beat``: the beat recorded a tick in Redis within ``HEALTH_BEAT_MAX_AGE`` seconds.

(The worker's check is Celery's own: ``celery -A config inspect ping``.)
"""

import json
import os
import sys
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit


def web() -> bool:
    host = urlsplit(os.environ.get("SITE_URL", "")).hostname or "localhost"
    request = urllib.request.Request(
        os.environ.get("HEALTHCHECK_URL", "http://127.0.0.1:8000/health/"),
        # As the TLS proxy would send it: the site's host name, over https.
        headers={"Host": host, "X-Forwarded-Proto": "https"},
    )
    try:
        with urllib.request.urlopen(request, timeout=8) as response:
            report = json.load(response)
    except urllib.error.HTTPError as error:
        report = json.load(error)  # 503: something failed; is it the database?
    except (OSError, ValueError) as error:
        print(f"web: no answer from /health/: {error}", file=sys.stderr)
        return False
    print(json.dumps(report["checks"]))
    return report["checks"]["database"]["ok"]


def beat() -> bool:
    import redis

    from config.health import BEAT_TICK_KEY

    client = redis.Redis.from_url(os.environ["REDIS_URL"], socket_timeout=5)
    tick = client.get(BEAT_TICK_KEY)
    max_age = float(os.environ.get("HEALTH_BEAT_MAX_AGE", 300))
    age = time.time() - float(tick) if tick else None
    print(f"beat: last tick {age:.0f} s ago" if age is not None else "beat: no tick yet")
    return age is not None and age <= max_age


if __name__ == "__main__":
    checks = {"web": web, "beat": beat}
    if len(sys.argv) != 2 or sys.argv[1] not in checks:
        sys.exit(f"usage: python -m config.healthcheck {'|'.join(checks)}")
    sys.exit(0 if checks[sys.argv[1]]() else 1)
