# The two commands of the README: `make run` and `make test`. Everything else they need
# (a virtualenv, the locked dependencies, the database, the seed data) they set up themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test check lint messages bench

$(BIN)/uv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet uv==$(UV_VERSION)

# --inexact keeps uv itself in the virtualenv it lives in.
install: $(BIN)/uv
	$(BIN)/uv sync --frozen --inexact --quiet

run: install
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_seed
	$(BIN)/python manage.py setup_demo
	@echo "Admin:  http://$(HOST):$(PORT)/admin/"
	@echo "Public: http://$(HOST):$(PORT)/"
	@echo "Reminders: web, Celery worker and beat run together (see README, Reminders)."
	$(BIN)/python manage.py run_embedded $(HOST):$(PORT)

# The whole suite on the embedded SQLite, then everything that is not a browser or
# server-integration test, and uses the database, again on a throwaway PostgreSQL,
# production's database: that pass in worker processes (pytest-xdist, a test database
# each), as its tests start no servers of their own.
test: install
	bin/install-test-packages
	$(BIN)/python -m pytest $(PYTEST_ARGS)
	bin/with-postgres $(BIN)/python -m pytest -q -p no:cacheprovider -n auto --maxprocesses 4 -m "not browser and not integration and not no_database" $(PYTEST_ARGS)

# The everyday loop while working: everything but the slow modules, the browser and the
# real-server tests, in worker processes on SQLite. `make test` runs it all, as CI does.
check: install
	$(BIN)/python -m pytest -q -p no:cacheprovider -n auto -m "not slow and not browser and not integration" $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Throughput, latency and SQL queries of every public page, feed, export and API list at a
# hundred times the seed's size, under gunicorn with production settings (see bench/run.py).
# BENCH_ARGS="--size seed" for the coalition's own data; DATABASE_URL for PostgreSQL.
bench: install
	bin/install-bench-packages
	$(BIN)/python -m bench.run $(BENCH_ARGS)
