"""Settings, read from the environment.

Production is the default: with ``DEBUG`` off (unset) the settings refuse to load without a
strong ``SECRET_KEY``, ``ALLOWED_HOSTS`` and an https ``SITE_URL`` (``config.safety``), and
turn on Secure cookies, HSTS and the redirect to https. Development is asked for:
``manage.py`` and the test suite default to ``DEBUG=true``, and then every value has an
embedded default so that ``make run`` works on a bare machine (SQLite, an embedded Redis,
e-mail to the console).
"""

import datetime
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.safety import production_problems

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

# Demo users are created only where this is on: the embedded-default set-up.
DEMO_MODE = env.bool("DEMO_MODE", default=DEBUG)

SECRET_KEY = env.str(
    "SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production" if DEBUG else ""
)
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
# The public site's absolute links (e-mails, feeds) are built from this.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000" if DEBUG else "").rstrip("/")

if not DEBUG:
    _problems = production_problems(
        secret_key=SECRET_KEY,
        allowed_hosts=ALLOWED_HOSTS,
        site_url=SITE_URL,
        demo_mode=DEMO_MODE,
    )
    if _problems:
        raise ImproperlyConfigured(
            "Refusing to start in production (DEBUG is off; DEBUG=true is for development):\n  "
            + "\n  ".join(_problems)
        )

# Behind the TLS proxy: the proxy says the request came over https in this header, which
# it must set itself (overwriting whatever a client sent). Empty when nothing is in front.
_proxy_ssl_header = env.str("PROXY_SSL_HEADER", default="X-Forwarded-Proto")
if _proxy_ssl_header:
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_ssl_header.upper().replace("-", "_"), "https")
# How many proxies append to X-Forwarded-For before the request reaches us: the login
# lockout counts per client address, not per proxy (accounts.login_protection).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Forms are posted from the site's own origin; more (e.g. a second host name) by setting.
_site_origin = "{0.scheme}://{0.netloc}".format(urlsplit(SITE_URL))
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[_site_origin])

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# The container's health check asks over plain http from inside the container.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
# A working day; staff log in again the next morning.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=9 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env.bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", default=False)
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS = [
    # HSTS preload is a promise to browser vendors that is slow to take back: the
    # coalition opts in with SECURE_HSTS_PRELOAD=true once its domain is ready for it.
    "security.W021",
]

# Nothing inline and nothing from elsewhere: the public site runs no JavaScript, the admin
# only its own static files. The hashes allow exactly what django-import-export puts
# inline: the export page's "all columns" box's handler ("onSelectToggleChange(event)"),
# and the import preview's marks of what a row changes ("background:#e6ffe6;" on what
# it adds, "background:#ffe6e6;" on what it removes).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "script-src-attr": [
            "'unsafe-hashes'",
            "'sha256-wid4zL8fR53ZYy1ljOepzR77Dn6vWUUxuNnnWWBP3I8='",
        ],
        "style-src": [SELF],
        "style-src-attr": [
            "'unsafe-hashes'",
            "'sha256-AFyijjilwBx8kC+SMDLzasw2VV9MWz1VYVQ8xIgdMlA='",
            "'sha256-S0qL3AVCJ6EdYX2E0yOmH+5YvauOwNAxIl4pJ/0IUUg='",
        ],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
    }
}

INSTALLED_APPS = [
    "config.apps.LedgerAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "django_filters",
    "import_export",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # Before the apps whose post_migrate gives the roles their permissions (accounts.roles).
    "config.apps.LoginProtectionConfig",  # axes
    "django_otp",
    "config.apps.AuthenticatorAppsConfig",  # django_otp.plugins.otp_totp
    "config.apps.RecoveryCodesConfig",  # django_otp.plugins.otp_static
    # The floors, ground first (ARCHITECTURE.md): each imports only what is above it here.
    "accounts",
    "tracker",
    "ledger",
    "public_site",
    "reminders",
    "workplace",
    "api",
    "config.apps.OperationsConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.RequestGuardMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Before the language: the staff's pages speak the signed-in member's language.
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before CommonMiddleware, whose redirect to a URL with a slash resolves /en/… URLs.
    "config.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]
# The largest request body accepted, in bytes (an import file included): 413 above it.
MAX_REQUEST_BYTES = env.int("MAX_REQUEST_BYTES", default=5 * 1024 * 1024)

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
else:
    # PostgreSQL: a connection kept for a minute per web or worker process, checked before
    # reuse, instead of a new one (TCP, authentication, a backend process) per request.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# django-axes first: it refuses a login that is locked out before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"

# Login protection (django-axes): after LOGIN_FAILURE_LIMIT failures for one account from
# one address, that account is refused from that address for LOGIN_LOCKOUT_MINUTES; after
# LOGIN_ACCOUNT_FAILURE_LIMIT for the account from anywhere, it is refused everywhere, and
# after LOGIN_ADDRESS_FAILURE_LIMIT from one address, for any account, that address is
# refused (accounts.login_protection.LoginFailures). Every failure is logged and listed in
# the admin (Axes), where a coordinator can also unlock.
AXES_HANDLER = "accounts.login_protection.LoginFailures"
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_ACCOUNT_FAILURE_LIMIT = env.int("LOGIN_ACCOUNT_FAILURE_LIMIT", default=20)
LOGIN_ADDRESS_FAILURE_LIMIT = env.int("LOGIN_ADDRESS_FAILURE_LIMIT", default=20)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username", "ip_address"]
# The admin login form's field (our users log in with their e-mail address in it).
AXES_USERNAME_FORM_FIELD = "username"
# The log says which account and address failed: that is what an operator needs to know.
AXES_SENSITIVE_PARAMETERS = []
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_CLIENT_IP_CALLABLE = "accounts.login_protection.client_ip"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False  # No banner on every start; failures and lockouts are still logged.
# One-time passwords (django-otp): the name authenticator apps show for the account.
OTP_TOTP_ISSUER = "Kind in azc tracker"
# The admin never shows a device's secret or recovery codes, not even to the coordinators
# who may remove a colleague's lost device: whoever read them could log in as that person.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files browsers ask for at the site's root (/favicon.ico), served by WhiteNoise.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
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
if _email["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend":
    # One readable log line per message instead of raw MIME (see config/mail.py).
    _email["EMAIL_BACKEND"] = "config.mail.ConsoleLogBackend"
vars().update(_email)
# With the console backend: also log each message's headers and text, not just one line.
EMAIL_VERBOSE = env.bool("EMAIL_VERBOSE", default=False)
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

# Reminders (reminders.planning). The beat runs the sweep every REMINDER_SWEEP_SECONDS; two
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
CELERY_BEAT_SCHEDULE["sign-ledger-checkpoint"] = {
    "task": "ledger.tasks.sign_daily_checkpoint",
    "schedule": 24 * 60 * 60,
}
CELERY_BEAT_SCHEDULER = "config.beat:TickRecordingScheduler"
# The beat wakes at least this often, so that /health/ sees it tick.
CELERY_BEAT_MAX_LOOP_INTERVAL = 60
# /health/ reports the beat as failing when its last tick is older than this.
HEALTH_BEAT_MAX_AGE = env.int("HEALTH_BEAT_MAX_AGE", default=300)
REMINDER_DAYS_BEFORE_DEADLINE = env.int("REMINDER_DAYS_BEFORE_DEADLINE", default=7)
REMINDER_SUMMARY_WEEKDAY = env.int("REMINDER_SUMMARY_WEEKDAY", default=0)  # Monday
REMINDER_CHUNK_SIZE = env.int("REMINDER_CHUNK_SIZE", default=500)
# A claim is a lease: a sender that dies lets it run out and another sender retries. It
# must outlast one send, which EMAIL_TIMEOUT bounds.
REMINDER_LEASE_SECONDS = env.int("REMINDER_LEASE_SECONDS", default=300)
REMINDER_RETRY_SECONDS = env.float("REMINDER_RETRY_SECONDS", default=60)
REMINDER_RETRY_MAX_SECONDS = env.float("REMINDER_RETRY_MAX_SECONDS", default=1800)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)

# Public pages and feeds are cached under the name of what the public sees (public_site.caching),
# in the cache below. 0 turns the page cache off (make bench measures both).
PUBLIC_CACHE_SECONDS = env.int("PUBLIC_CACHE_SECONDS", default=24 * 60 * 60)
# The overview's figures, kept per state of the ledger (public_site.progress.coalition_figures).
FIGURES_CACHE_SECONDS = env.int("FIGURES_CACHE_SECONDS", default=24 * 60 * 60)
# Where the exports and the public ledger's export are kept by request (public_site.downloads):
# each machine its own, swept daily; compose.yaml puts it on the containers' tmpfs.
EXPORT_CACHE_DIR = env.str("EXPORT_CACHE_DIR", default=str(VAR_DIR / "cache" / "exports"))

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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line_refusals": {"()": "config.logs.OneLineRefusals"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's own console handler (under DEBUG) would print each record a second
        # time beside the root's; its mail to ADMINS has no one to write to.
        "django": {"handlers": [], "level": "INFO"},
        "django.request": {"filters": ["one_line_refusals"]},
    },
}

# The open-data API (api/): JSON only, open reads, staff writes by personal token or session.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # First, so that a client that is not signed in gets 401 with WWW-Authenticate.
        "api.authentication.ApiTokenAuthentication",
        "api.authentication.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.ReadOrStaffWrite"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.AnonymousRate", "api.throttling.SignedInRate"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pages",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.TextJSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": None,
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
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

# Where `manage.py backup` writes (a volume in compose.yaml).
BACKUP_DIR = env.path("BACKUP_DIR", default=VAR_DIR / "backups")

# The cache is shared by every web process on every machine where CACHE_URL names a Redis
# (compose.yaml does); without it, each process has its own, fit for one laptop.
CACHE_URL = env.str("CACHE_URL", default="")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# A demand import with one bad row rolls the whole file back.
IMPORT_EXPORT_USE_TRANSACTIONS = True
# An upload waits for its confirmation in the cache, not in one machine's /tmp: the confirming
# request may reach another web process.
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.CacheStorage"

# The largest spreadsheet the demand import reads (bytes); a larger file is refused with
# its size and this limit. Below MAX_REQUEST_BYTES, so that the import says so itself.
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=2 * 1024 * 1024)
