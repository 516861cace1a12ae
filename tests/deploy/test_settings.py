"""Production is the default, and refuses what only a laptop may have."""

import subprocess
import sys

import pytest

from config.safety import production_problems, weak_secret_key
from tests.deploy.production import ROOT, load_settings, production_env, run_python

pytestmark = pytest.mark.no_database  # a run on PostgreSQL would repeat it as it is

SETUP = "import django; django.setup()"


def refusal(env: dict[str, str]) -> str:
    done = run_python(SETUP, env)
    assert done.returncode != 0, "the settings loaded"
    assert "ImproperlyConfigured" in done.stderr
    return done.stderr


def test_without_any_setting_the_web_server_starts_in_production_and_refuses():
    env = production_env(DEBUG=None, SECRET_KEY=None, ALLOWED_HOSTS=None, SITE_URL=None)
    message = refusal(env)
    assert "SECRET_KEY is not set" in message
    assert "ALLOWED_HOSTS is empty" in message
    assert "SITE_URL must be the site's https:// address" in message


@pytest.mark.parametrize("key", ["x", "a" * 60, "django-insecure-" + "k3y!" * 20])
def test_production_refuses_a_weak_secret_key(key):
    assert "SECRET_KEY is weak" in refusal(production_env(DEBUG="false", SECRET_KEY=key))


def test_production_refuses_an_empty_allowed_hosts():
    assert "ALLOWED_HOSTS is empty" in refusal(production_env(ALLOWED_HOSTS=""))


def test_production_refuses_a_site_url_that_is_not_https():
    assert "SITE_URL must be" in refusal(production_env(SITE_URL="http://tracker.example.org"))


def test_production_refuses_demo_mode():
    assert "DEMO_MODE" in refusal(production_env(DEMO_MODE="true"))


def test_the_problems_are_named_all_at_once():
    problems = production_problems(
        secret_key="short", allowed_hosts=[], site_url="http://x", demo_mode=True
    )
    assert len(problems) == 4


def test_a_random_key_of_fifty_characters_is_strong():
    assert not weak_secret_key("Zq3-" + "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKL")
    assert weak_secret_key("Zq3-" + "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJK"[:45])


def test_production_settings_are_secure_by_default():
    values = load_settings(
        [
            "DEBUG",
            "SESSION_COOKIE_SECURE",
            "CSRF_COOKIE_SECURE",
            "SECURE_HSTS_SECONDS",
            "SECURE_SSL_REDIRECT",
            "SESSION_COOKIE_AGE",
            "SECURE_PROXY_SSL_HEADER",
            "CSRF_TRUSTED_ORIGINS",
            "DEMO_MODE",
        ],
        production_env(),
    )
    assert values["DEBUG"] is False and values["DEMO_MODE"] is False
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_AGE"] == 9 * 3600
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["CSRF_TRUSTED_ORIGINS"] == ["https://tracker.example.org"]


def test_check_deploy_finds_nothing_under_production_settings():
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=ROOT,
        env=production_env(DEBUG="false"),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stderr == ""
    assert done.stdout.startswith("System check identified no issues")


def test_manage_py_is_the_developers_door_and_defaults_to_development():
    env = production_env(DEBUG=None, SECRET_KEY=None, ALLOWED_HOSTS=None, SITE_URL=None)
    done = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
