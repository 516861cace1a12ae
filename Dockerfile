# The production image: gunicorn, the Celery worker and the beat all run from it (compose.yaml).
# Checked here with hadolint and by tests/deploy/test_container_files.py; not built here:
# these machines have no Docker engine.

# Build stage: the locked dependencies and the collected static files.
FROM python:3.11-slim-bookworm AS build
ENV UV_PROJECT_ENVIRONMENT=/opt/venv UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy \
    PYTHONDONTWRITEBYTECODE=1
RUN pip install --no-cache-dir uv==0.13.9
WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project
COPY . .
# Production settings refuse to load without a real key, hosts and an https address: give
# throwaway ones, used for nothing but collecting (and compressing) the static files.
RUN DEBUG=false ALLOWED_HOSTS=build.invalid SITE_URL=https://build.invalid \
    SECRET_KEY="$(/opt/venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
    STATIC_ROOT=/app/var/static /opt/venv/bin/python manage.py collectstatic --noinput -v0

# Run stage: no compiler, no uv, no build files; the code belongs to root, the process not.
FROM python:3.11-slim-bookworm
# pg_dump and pg_restore for manage.py backup and restore; Debian 12's are PostgreSQL 15,
# the server version of compose.yaml. Unpinned: Debian's security updates must come in.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --home-dir /app --shell /usr/sbin/nologin ledger
ENV PATH=/opt/venv/bin:$PATH PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    DEBUG=false STATIC_ROOT=/app/var/static BACKUP_DIR=/app/var/backups \
    LEDGER_WITNESS_FILE=/app/var/ledger/checkpoints.jsonl
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
WORKDIR /app
# The only places the process writes to (volumes in compose.yaml): backups, and the
# ledger's witness file of signed checkpoints.
RUN mkdir -p /app/var/backups /app/var/ledger \
    && chown ledger:ledger /app/var/backups /app/var/ledger
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 \
    CMD ["python", "-m", "config.healthcheck", "web"]
# Workers from WEB_CONCURRENCY (gunicorn reads it; default 3). A request may take 30 s.
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--timeout", "30", \
     "--graceful-timeout", "30", "--worker-tmp-dir", "/dev/shm", "--access-logfile", "-"]
