"""Settings, read from the environment.

Every value has an embedded default so that ``make run`` works on a bare machine
(SQLite, an embedded Redis, e-mail to the console). With ``DEBUG=false`` the
defaults that are only fit for a laptop are refused: a real ``SECRET_KEY`` and
``ALLOWED_HOSTS`` must be given.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEBUG = env.bool("DEBUG", default=True)

_INSECURE_KEY = "dev-only-insecure-key-do-not-use-in-production"
SECRET_KEY = env.str("SECRET_KEY", default=_INSECURE_KEY)
if not DEBUG and SECRET_KEY == _INSECURE_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY: the development key is refused when DEBUG is off.")

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The public site's absolute links (e-mails, feeds) are built from this.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "config.apps.LedgerAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "import_export",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "accounts",
    "tracker",
    "ledger",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server, the Celery worker and an import write to one file at once: WAL lets
    # readers go on while one writes; IMMEDIATE transactions take the write lock at BEGIN,
    # so two writers queue (up to the timeout) instead of failing "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# E-mail: the console by default; EMAIL_URL=smtp://user:pass@host:587 (or smtp+tls://,
# smtps://) for a real server.
_email = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(_email)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Kind in azc tracker <tracker@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: a real Redis in production (REDIS_URL); the run command starts an embedded one.
REDIS_URL = env.str("REDIS_URL", default="redis://127.0.0.1:6379/0")
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# Reminders (tracker.reminders). The beat runs the sweep every REMINDER_SWEEP_SECONDS; two
# beats only mean two sweeps, which the claims make harmless. A sweep that waited longer
# than one interval in the queue is dropped: the next one does the same work.
REMINDER_SWEEP_SECONDS = env.float("REMINDER_SWEEP_SECONDS", default=60)
CELERY_BEAT_SCHEDULE = {
    "sweep-reminders": {
        "task": "tracker.tasks.sweep_reminders",
        "schedule": REMINDER_SWEEP_SECONDS,
        "options": {"expires": REMINDER_SWEEP_SECONDS},
    },
}
CELERY_BEAT_SCHEDULE_FILENAME = env.str(
    "CELERY_BEAT_SCHEDULE_FILENAME", default=str(VAR_DIR / "celerybeat-schedule")
)
CELERY_BEAT_SCHEDULE["sign-ledger-checkpoint"] = {
    "task": "ledger.tasks.sign_daily_checkpoint",
    "schedule": 24 * 60 * 60,
}
REMINDER_DAYS_BEFORE_DEADLINE = env.int("REMINDER_DAYS_BEFORE_DEADLINE", default=7)
REMINDER_SUMMARY_WEEKDAY = env.int("REMINDER_SUMMARY_WEEKDAY", default=0)  # Monday
REMINDER_CHUNK_SIZE = env.int("REMINDER_CHUNK_SIZE", default=500)
# A claim is a lease: a sender that dies lets it run out and another sender retries. It
# must outlast one send, which EMAIL_TIMEOUT bounds.
REMINDER_LEASE_SECONDS = env.int("REMINDER_LEASE_SECONDS", default=300)
REMINDER_RETRY_SECONDS = env.float("REMINDER_RETRY_SECONDS", default=60)
REMINDER_RETRY_MAX_SECONDS = env.float("REMINDER_RETRY_MAX_SECONDS", default=1800)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)

# The figure the public overview shows as its key indicator (an Indicator's slug); when
# no such indicator exists, the one measured most often is shown.
KEY_INDICATOR = env.str("KEY_INDICATOR", default="kinderen-noodopvang")

# The ledger's signing key (ledger.checkpoints): LEDGER_SIGNING_KEY holds the base64 Ed25519
# seed, else the key file is used; it is created on first use only where
# LEDGER_GENERATE_KEY is on (the embedded set-up). Checkpoints are also appended to the
# witness file, outside the database ("" turns it off).
LEDGER_SIGNING_KEY = env.str("LEDGER_SIGNING_KEY", default="")
LEDGER_SIGNING_KEY_FILE = env.str(
    "LEDGER_SIGNING_KEY_FILE", default=str(VAR_DIR / "ledger" / "signing.key")
)
LEDGER_GENERATE_KEY = env.bool("LEDGER_GENERATE_KEY", default=DEBUG)
LEDGER_WITNESS_FILE = env.str(
    "LEDGER_WITNESS_FILE", default=str(VAR_DIR / "ledger" / "checkpoints.jsonl")
)

# Demo users are created only where this is on: the embedded-default set-up.
DEMO_MODE = env.bool("DEMO_MODE", default=DEBUG)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# The open-data API (api/): JSON only, open reads, staff writes by personal token or session.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # First, so that a client that is not signed in gets 401 with WWW-Authenticate.
        "api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.ReadOrStaffWrite"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.AnonymousRate", "api.throttling.SignedInRate"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pages",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": None,
}
# Requests per client (address for anonymous clients, account for signed-in ones), as
# "number/second|minute|hour|day"; past it, 429 with Retry-After.
API_RATE_ANONYMOUS = env.str("API_RATE_ANONYMOUS", default="120/minute")
API_RATE_SIGNED_IN = env.str("API_RATE_SIGNED_IN", default="600/minute")
SPECTACULAR_SETTINGS = {
    "TITLE": _("Kind in azc accountability ledger: open data API"),
    "DESCRIPTION": _(
        "What the Werkgroep Kind in azc coalition demands of government for children in Dutch "
        "asylum reception, what government said in return, and what happened: every change "
        "recorded in a hash-chained, signed ledger. Anyone reads what is published; staff "
        "write through the ledger with a personal token. See the README's 'Open data API'."
    ),
    "VERSION": "1",
    "OAS_VERSION": "3.1.0",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "StatusEnum": "tracker.models.Status",
        "ResponseEnum": "tracker.models.Response",
        "QualifierEnum": "tracker.models.Qualifier",
        "DatePrecisionEnum": "tracker.models.DatePrecision",
        "StatementKindEnum": "tracker.models.Statement.Kind",
        "SourceKindEnum": "tracker.models.Source.Kind",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_links",
    ],
}

# A demand import with one bad row rolls the whole file back.
IMPORT_EXPORT_USE_TRANSACTIONS = True
