"""``/health/``: is the database there, is Redis there, is the beat ticking?

The beat (``config.beat.TickRecordingScheduler``) writes the time of each tick to Redis;
any web process on any machine reads it from there. Answers 200 when every check passes,
503 otherwise, with one line per check; never details that would help an attacker.
"""

import time

import redis
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

BEAT_TICK_KEY = "ledger:beat:last-tick"


def redis_client() -> redis.Redis:
    return redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2)


def record_beat_tick(client: redis.Redis | None = None) -> None:
    (client or redis_client()).set(BEAT_TICK_KEY, repr(time.time()))


def check_database() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        return False, f"unreachable ({type(error).__name__})"
    return True, "ok"


def check_redis(client: redis.Redis) -> tuple[bool, str]:
    try:
        client.ping()
    except redis.RedisError as error:
        return False, f"unreachable ({type(error).__name__})"
    return True, "ok"


def check_beat(client: redis.Redis) -> tuple[bool, str]:
    """The beat ticked within ``HEALTH_BEAT_MAX_AGE`` seconds."""
    try:
        tick = client.get(BEAT_TICK_KEY)
    except redis.RedisError:
        return False, "unknown (Redis unreachable)"
    if tick is None:
        return False, "no tick recorded yet"
    age = time.time() - float(tick)
    if age > settings.HEALTH_BEAT_MAX_AGE:
        return False, f"last tick {age:.0f} s ago"
    return True, f"last tick {age:.0f} s ago"


@transaction.non_atomic_requests
@require_GET
@never_cache
def health(request):
    client = redis_client()
    checks = {
        "database": check_database(),
        "redis": check_redis(client),
        "beat": check_beat(client),
    }
    healthy = all(ok for ok, _detail in checks.values())
    return JsonResponse(
        {
            "status": "ok" if healthy else "failing",
            "checks": {name: {"ok": ok, "detail": detail} for name, (ok, detail) in checks.items()},
        },
        status=200 if healthy else 503,
    )
