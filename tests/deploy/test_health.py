"""/health/ says whether the database, Redis and the beat are there, and never errs itself."""

import os
import subprocess
import sys
import time

import pytest
import redis

from config.embedded_redis import free_port, start_redis
from config.health import BEAT_TICK_KEY, record_beat_tick
from tests.deploy.production import ROOT
from tests.reminders.harness import wait_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_url(tmp_path, settings):
    port = free_port()
    server = start_redis(port, tmp_path / "redis", stdout=subprocess.DEVNULL)
    settings.REDIS_URL = f"redis://127.0.0.1:{port}/0"
    yield settings.REDIS_URL
    server.kill()
    server.wait(10)


def checks(client) -> tuple[int, dict]:
    response = client.get("/health/")
    assert response["Content-Type"] == "application/json"
    return response.status_code, response.json()["checks"]


def test_healthy_when_the_beat_ticked_lately(client, redis_url):
    record_beat_tick(redis.Redis.from_url(redis_url))
    status, result = checks(client)
    assert status == 200
    assert {name: check["ok"] for name, check in result.items()} == {
        "database": True,
        "redis": True,
        "beat": True,
    }


def test_a_beat_that_never_ticked_or_stopped_ticking_fails(client, redis_url, settings):
    assert checks(client)[0] == 503
    client_redis = redis.Redis.from_url(redis_url)
    client_redis.set(BEAT_TICK_KEY, repr(time.time() - settings.HEALTH_BEAT_MAX_AGE - 5))
    status, result = checks(client)
    assert status == 503 and not result["beat"]["ok"] and result["redis"]["ok"]


def test_without_redis_it_answers_503_not_500(client, settings):
    settings.REDIS_URL = f"redis://127.0.0.1:{free_port()}/0"
    status, result = checks(client)
    assert status == 503
    assert result["database"]["ok"] and not result["redis"]["ok"] and not result["beat"]["ok"]
    assert "127.0.0.1" not in str(result)  # no addresses for whoever asks


def test_health_sets_no_cookie_and_is_not_cached(client, redis_url):
    response = client.get("/health/")
    assert not response.cookies
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.integration
def test_a_running_beat_records_its_ticks(tmp_path, redis_url):
    env = {
        **os.environ,
        "REDIS_URL": redis_url,
        "CELERY_BROKER_URL": redis_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    beat = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "beat", "--loglevel", "WARNING"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        client_redis = redis.Redis.from_url(redis_url)
        tick = wait_for(lambda: client_redis.get(BEAT_TICK_KEY), timeout=30, message="no tick")
        assert time.time() - float(tick) < 30
        assert not list(ROOT.glob("celerybeat-schedule*")) and not list(
            tmp_path.glob("celerybeat*")
        )
    finally:
        beat.terminate()
        beat.wait(15)


@pytest.mark.django_db(transaction=True)
def test_the_containers_health_check_script_asks_health_and_needs_the_database(live_server):
    env = {**os.environ, "HEALTHCHECK_URL": live_server.url + "/health/"}
    env.pop("SITE_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "config.healthcheck", "web"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    # Redis is not running here, so /health/ answers 503; the database is there.
    assert done.returncode == 0, done.stdout + done.stderr
    assert '"database": {"ok": true' in done.stdout and '"redis": {"ok": false' in done.stdout


def test_the_health_check_script_fails_when_nothing_answers():
    env = {**os.environ, "HEALTHCHECK_URL": f"http://127.0.0.1:{free_port()}/health/"}
    done = subprocess.run(
        [sys.executable, "-m", "config.healthcheck", "web"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 1 and "no answer" in done.stderr
