"""Django settings for Verbund.

Everything an operator may change comes from environment variables prefixed
``VERBUND_``; docs/operations.md lists them. The defaults serve the embedded
SQLite demo.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import sys
from pathlib import Path

import dj_database_url
import django_stubs_ext
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

# Lets generic Django classes (ModelForm[Model], QuerySet[Model]) be subscripted at run time.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = _env_bool("VERBUND_DEBUG", False)

# Where the embedded database, uploaded files, collected assets and the development key live.
DATA_DIR = Path(os.environ.get("VERBUND_DATA_DIR", PROJECT_DIR / "var"))
# Written once by `make setup` (random, mode 0600), so that every `verbund` command of a
# development checkout finds a key; read only where VERBUND_SECRET_KEY is not set.
DEVELOPMENT_KEY_FILE = DATA_DIR / "development-secret-key"


def _secret_key() -> tuple[str, str]:
    """The key and where it came from: the environment, the tests, or the key file.
    Without any of them the settings refuse to load: there is no built-in key."""
    from django.core.exceptions import ImproperlyConfigured

    key = os.environ.get("VERBUND_SECRET_KEY", "")
    if key:
        return key, "environment"
    if "pytest" in sys.modules:
        # Each test process makes its own; nothing signed outlives it.
        return secrets.token_urlsafe(50), "tests"
    if not DEVELOPMENT_KEY_FILE.is_file():
        raise ImproperlyConfigured(
            "Set VERBUND_SECRET_KEY (docs/operations.md). In a development checkout, "
            f"`make setup` writes a random key to {DEVELOPMENT_KEY_FILE}."
        )
    if DEVELOPMENT_KEY_FILE.stat().st_mode & 0o077:
        raise ImproperlyConfigured(
            f"{DEVELOPMENT_KEY_FILE} may be readable by its owner only "
            f"(chmod 600 {DEVELOPMENT_KEY_FILE})."
        )
    key = DEVELOPMENT_KEY_FILE.read_text(encoding="utf-8").strip()
    if not key:
        raise ImproperlyConfigured(f"{DEVELOPMENT_KEY_FILE} is empty.")
    return key, "file"


SECRET_KEY, VERBUND_SECRET_KEY_SOURCE = _secret_key()

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("VERBUND_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("VERBUND_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "django_tasks",
    "django_tasks_db",
    # Verbund core
    "verbund.core",
    "verbund.authorities",
    "verbund.accounts",
    "verbund.networks",
    "verbund.catalogue",
    "verbund.formengine",
    "verbund.applications",
    "verbund.payments",
    "verbund.cases",
    "verbund.integrations",
    "verbund.surveys",
    "verbund.practices",
    "verbund.fees",
    "verbund.benchmarks",
    "verbund.archive",
    "verbund.assistant",
    "verbund.vat",
    "verbund.procurement",
    "verbund.einvoice",
    "verbund.portal",
    "verbund.api",
    "verbund.demo",
]

MIDDLEWARE = [
    # Outermost: counts and times every answer, the middleware's own refusals included.
    "verbund.core.metrics.MetricsMiddleware",
    "verbund.core.middleware.ForwardedForMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Headers on every answer of the app, the refusals of the middleware below included.
    "csp.middleware.CSPMiddleware",
    "verbund.core.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After the language is known, before anything reads a body (CSRF reads POST forms).
    "verbund.core.middleware.RequestSizeLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Axes must come last so that it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "verbund.urls"
WSGI_APPLICATION = "verbund.wsgi.application"

# Plain inputs and selects rendered in Python, with the markup of Django's templates.
FORM_RENDERER = "verbund.core.widgets.WidgetRenderer"

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
                "verbund.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("VERBUND_DATABASE_URL", f"sqlite:///{DATA_DIR / 'verbund.sqlite3'}"),
        conn_max_age=int(os.environ.get("VERBUND_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside the one writer; IMMEDIATE takes the write
    # lock at BEGIN so that two writers queue instead of failing mid-way
    # (the audit hash chain relies on writes being serialised).
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    # Personal data: a new database file is created readable by the service user only,
    # and SQLite gives its -wal and -shm files the same mode (verbund.core.sqlite).
    _sqlite_name = str(DATABASES["default"]["NAME"] or "")
    if _sqlite_name and _sqlite_name != ":memory:" and not _sqlite_name.startswith("file:"):
        with contextlib.suppress(FileExistsError, FileNotFoundError):
            os.close(os.open(_sqlite_name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "staff:home"
LOGOUT_REDIRECT_URL = "portal:home"

# Lockout after repeated failures (django-axes): five failed attempts for the
# same user name from the same address lock that pair for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("VERBUND_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

OTP_TOTP_ISSUER = "Verbund"

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = DATA_DIR / "media"
STATICFILES_DIRS: list[Path | tuple[str, Path]] = [BASE_DIR / "static"]
_KERN_DIST = PROJECT_DIR / "node_modules" / "@kern-ux" / "native" / "dist"
if _KERN_DIST.is_dir():
    STATICFILES_DIRS.append(("kern", _KERN_DIST))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Citizens' uploads: outside MEDIA_ROOT and without a URL (verbund.core.storage).
    "private": {
        "BACKEND": "verbund.core.storage.PrivateFileSystemStorage",
        "OPTIONS": {
            "location": os.environ.get("VERBUND_PRIVATE_ROOT", str(DATA_DIR / "private")),
            "base_url": None,
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True

VERBUND_PLACES_CACHE_SECONDS = int(os.environ.get("VERBUND_PLACES_CACHE_SECONDS", "300"))
# Per-process memory caches by default; "places" holds answers of the place search
# (verbund.authorities.cache).
# Several app servers (docs/operations.md, "Several machines"): with VERBUND_REDIS_URL the
# default cache is shared in Redis and sessions are read from it (written to the database
# too, so they survive a Redis restart). Without it, a memory cache per process and
# sessions in the database: `make run` needs no Redis.
VERBUND_REDIS_URL = os.environ.get("VERBUND_REDIS_URL", "")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": VERBUND_REDIS_URL,
            "KEY_PREFIX": "verbund",
            "OPTIONS": {"socket_timeout": 2, "socket_connect_timeout": 2},
        }
        if VERBUND_REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"}
    ),
    "places": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "places",
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    },
}

# Content-Security-Policy (django-csp; docs/operations.md, "Security headers"): scripts,
# styles, fonts and images only from this site (KERN UX draws its icons as data: SVG masks),
# no plugins, no framing, no <base> elsewhere; forms post here, and to the pay page of a
# real payment provider when its origin is in VERBUND_CSP_FORM_ACTION (the citizen's
# "Bezahlen" is answered with a redirect to it, which form-action governs too).
VERBUND_CSP_FORM_ACTION = [
    source.strip()
    for source in os.environ.get("VERBUND_CSP_FORM_ACTION", "").split(",")
    if source.strip()
]
for _source in VERBUND_CSP_FORM_ACTION:
    if not re.fullmatch(r"https://[A-Za-z0-9.-]+(:[0-9]{1,5})?", _source):
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            f"VERBUND_CSP_FORM_ACTION: {_source!r} is not an origin like https://pay.example.de"
        )
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF, *VERBUND_CSP_FORM_ACTION],
    }
}

if VERBUND_REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = _env_bool("VERBUND_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Verbund API",
    "DESCRIPTION": "Public and partner API of Verbund, the platform for inter-municipal "
    "cooperation.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
}

# VERBUND_LOG_FORMAT=json: one JSON object per line (time, level, logger, message, and
# the request's path and status where Django's loggers give them) for a log collector.
VERBUND_LOG_FORMAT = os.environ.get("VERBUND_LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s %(process)d",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "static_fields": {"service": "verbund"},
            # ISO 8601 in UTC, the same on every host whatever TIME_ZONE says.
            "timestamp": "time",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            **({"formatter": "json"} if VERBUND_LOG_FORMAT == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("VERBUND_LOG_LEVEL", "WARNING")},
}

# Number of reverse proxies in front of the app (0: none). With one or more, the client's
# address comes from X-Forwarded-For and HTTPS from X-Forwarded-Proto.
VERBUND_PROXY_COUNT = int(os.environ.get("VERBUND_PROXY_COUNT", "0"))
if VERBUND_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Who runs this instance, shown on the platform's imprint and accessibility statement.
VERBUND_OPERATOR_NAME = os.environ.get("VERBUND_OPERATOR_NAME", "")
VERBUND_OPERATOR_ADDRESS = os.environ.get("VERBUND_OPERATOR_ADDRESS", "").replace("\\n", "\n")
VERBUND_OPERATOR_EMAIL = os.environ.get("VERBUND_OPERATOR_EMAIL", "")
if os.environ.get("VERBUND_ACCESSIBILITY_STATEMENT_DATE"):
    VERBUND_ACCESSIBILITY_STATEMENT_DATE = os.environ["VERBUND_ACCESSIBILITY_STATEMENT_DATE"]

# `GET /metrics` answers only requests with `Authorization: Bearer <this token>`
# (404 while it is empty); see docs/operations.md, "Health and metrics".
VERBUND_METRICS_TOKEN = os.environ.get("VERBUND_METRICS_TOKEN", "")

# Users created by `verbund load-demo` may skip the second factor; nobody else can.
VERBUND_DEMO = _env_bool("VERBUND_DEMO", False)
VERBUND_OTP_URL = "/konto/zweiter-faktor/"

# Background tasks (e-mails, webhooks): django-tasks with the database backend, so a task
# is enqueued in the same transaction as the write it follows. `verbund task_worker` runs
# them; `make run` starts one.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "VERBUND_TASK_BACKEND",
            "verbund.core.taskbroker.BrokeredBackend"
            if os.environ.get("VERBUND_TASK_BROKER_URL")
            else "django_tasks_db.DatabaseBackend",
        )
    }
}
# A task a worker claimed but did not finish within its lease (its worker died) is put back
# in the queue and run again; after this many claims it is failed instead (ADR 0018). The
# lease must outlast the longest task: several SMTP round trips, a webhook attempt.
VERBUND_TASK_LEASE_SECONDS = float(os.environ.get("VERBUND_TASK_LEASE_SECONDS", "300"))
VERBUND_TASK_MAX_ATTEMPTS = int(os.environ.get("VERBUND_TASK_MAX_ATTEMPTS", "3"))
# A task that raised waits this long × 4^(attempt − 1) before its next attempt (ADR 0023).
VERBUND_TASK_RETRY_SECONDS = float(os.environ.get("VERBUND_TASK_RETRY_SECONDS", "60"))
# With a broker (redis://…), tasks are dispatched through RQ queues on it instead of being
# polled from the database; the database stays their record (ADR 0023). Workers then need
# one `verbund task_scheduler` beside them.
VERBUND_TASK_BROKER_URL = os.environ.get("VERBUND_TASK_BROKER_URL", "")
# Daily housekeeping that `verbund task_scheduler` enqueues: name, local time, command and
# its arguments (docs/operations.md "Housekeeping").
VERBUND_PERIODIC_JOBS = [
    ("clearsessions", "03:10", "clearsessions"),
    ("purge-drafts", "03:20", "purge_drafts"),
    ("axes-reset-logs", "03:30", "axes_reset_logs", "--age", "30"),
    ("verify-audit", "03:40", "verify_audit"),
    ("close-due-surveys", "00:05", "close_due_surveys"),
    ("vat-remind", "00:15", "vat_remind"),
]
# How often the scheduler revives expired leases and dispatches what is due or was lost.
VERBUND_TASK_SWEEP_SECONDS = float(os.environ.get("VERBUND_TASK_SWEEP_SECONDS", "5"))

# E-mail: SMTP when VERBUND_SMTP_HOST is set, otherwise printed to the worker's console.
DEFAULT_FROM_EMAIL = os.environ.get("VERBUND_FROM_EMAIL", "Verbund <noreply@verbund.invalid>")
if os.environ.get("VERBUND_SMTP_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["VERBUND_SMTP_HOST"]
    EMAIL_PORT = int(os.environ.get("VERBUND_SMTP_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("VERBUND_SMTP_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("VERBUND_SMTP_PASSWORD", "")
    EMAIL_USE_TLS = _env_bool("VERBUND_SMTP_TLS", True)
elif os.environ.get("VERBUND_EMAIL_DIR"):
    # Each e-mail as a file in this directory (a test system's outbox; the cluster bench).
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["VERBUND_EMAIL_DIR"]
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Seconds each SMTP operation may wait, so a mail server that hangs fails the task
# instead of blocking its worker for ever.
EMAIL_TIMEOUT = float(os.environ.get("VERBUND_SMTP_TIMEOUT", "10"))

# Where links in e-mails point (resume and status links), e.g. https://portal.example.de
VERBUND_PUBLIC_URL = os.environ.get("VERBUND_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")

# Uploads: ClamAV's clamd, e.g. "unix:///run/clamav/clamd.ctl" or "tcp://127.0.0.1:3310".
# Empty: no virus scan (the type and size checks still apply).
VERBUND_CLAMD = os.environ.get("VERBUND_CLAMD", "")
VERBUND_CLAMD_TIMEOUT = float(os.environ.get("VERBUND_CLAMD_TIMEOUT", "10"))
VERBUND_UPLOAD_MAX_MB = int(os.environ.get("VERBUND_UPLOAD_MAX_MB", "10"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Request bodies (verbund.core.limits): a larger one is refused with 413 before it is read.
# Pages that accept uploads may carry VERBUND_UPLOAD_REQUEST_MAX_MB (all files of one
# form together), the API a decision with a PDF in Base64, everything else
# VERBUND_REQUEST_MAX_KB.
VERBUND_REQUEST_MAX_KB = int(os.environ.get("VERBUND_REQUEST_MAX_KB", "1024"))
VERBUND_UPLOAD_REQUEST_MAX_MB = int(
    os.environ.get("VERBUND_UPLOAD_REQUEST_MAX_MB", str(5 * VERBUND_UPLOAD_MAX_MB))
)
# The pages whose forms carry files; tests/core/test_request_limits.py checks that every
# view reading request.FILES is named here.
VERBUND_UPLOAD_URL_NAMES = frozenset(
    {
        "applications:step",
        "einvoice:upload",
        "applicant:answer",
        "staff:cases_staff:document_create",
        "staff:cases_staff:document",
        "staff:cases_staff:participation",
        "staff:agreement_create",
        "staff:group_document_add",
        "staff:workshop_material_add",
        "staff:survey_definition_upload",
        "staff:survey_recipients_list",
        "staff:benchmark_values_upload",
        "staff:fee_sheet_import",
    }
)
# The archive's pages that take scans and xdomea hand-over packages: one file up to
# VERBUND_ARCHIVE_MAX_FILE_MB, one request up to VERBUND_ARCHIVE_REQUEST_MAX_MB (the proxy's
# body limit must allow it; docs/operations.md). Files above FILE_UPLOAD_MAX_MEMORY_SIZE
# are spooled to a temporary file, never held in memory.
VERBUND_ARCHIVE_MAX_FILE_MB = int(os.environ.get("VERBUND_ARCHIVE_MAX_FILE_MB", "500"))
VERBUND_ARCHIVE_REQUEST_MAX_MB = int(os.environ.get("VERBUND_ARCHIVE_REQUEST_MAX_MB", "1024"))
VERBUND_ARCHIVE_UPLOAD_URL_NAMES = frozenset(
    {"staff:archive_unit_upload", "staff:archive_exchange_handovers"}
)
# Text recognition (archive/ocr): Tesseract, one process per task worker; a page that takes
# longer than VERBUND_OCR_TIMEOUT_SECONDS is stopped and retried (keep it well below
# VERBUND_TASK_LEASE_SECONDS). Empty binary and tessdata: Debian's tesseract and models.
VERBUND_OCR_TIMEOUT_SECONDS = float(os.environ.get("VERBUND_OCR_TIMEOUT_SECONDS", "120"))
VERBUND_TESSERACT_BINARY = os.environ.get("VERBUND_TESSERACT_BINARY", "tesseract")
VERBUND_TESSDATA_DIR = os.environ.get("VERBUND_TESSDATA_DIR", "")
# The citizen assistant (docs/assistant.md): OpenMP threads of the embedding model per
# process (one per worker when there are as many workers as cores), and the optional
# language model that only rephrases a card's summary (off while the URL is empty).
VERBUND_ASSISTANT_THREADS = int(os.environ.get("VERBUND_ASSISTANT_THREADS", "1"))
# Questions per client address and minute on POST /api/v1/assistant (429 beyond).
VERBUND_ASSISTANT_QUESTIONS_PER_MINUTE = int(
    os.environ.get("VERBUND_ASSISTANT_QUESTIONS_PER_MINUTE", "30")
)
# E-invoices per client address and hour through the portal upload and
# POST /api/v1/einvoice/<network>/invoices together (429 beyond; e-mail is not counted:
# the mail server limits its senders).
VERBUND_EINVOICE_SUBMISSIONS_PER_HOUR = int(
    os.environ.get("VERBUND_EINVOICE_SUBMISSIONS_PER_HOUR", "300")
)
VERBUND_ASSISTANT_REPHRASE_URL = os.environ.get("VERBUND_ASSISTANT_REPHRASE_URL", "")
VERBUND_ASSISTANT_REPHRASE_MODEL = os.environ.get("VERBUND_ASSISTANT_REPHRASE_MODEL", "")
VERBUND_ASSISTANT_REPHRASE_TIMEOUT = float(
    os.environ.get("VERBUND_ASSISTANT_REPHRASE_TIMEOUT", "3")
)
# Django's own cap on a body read into memory (form fields without the files); the cap
# above comes first.
DATA_UPLOAD_MAX_MEMORY_SIZE = max(2_621_440, VERBUND_REQUEST_MAX_KB * 1024)

# Answers no browser or proxy may keep (core.middleware.NoStoreMiddleware): staff pages,
# login and account, the citizen's drafts, status pages and payment, the partner API.
VERBUND_NO_STORE_PREFIXES = (
    "/verwaltung/",
    "/konto/",
    "/antrag/",
    "/status/",
    "/bezahlen/",
    "/umfrage/",
    "/assistent/",
    "/api/v1/assistant",
    "/api/v1/submissions",
    "/api/v1/cases/",
)

# Payments: the provider used for fees; "simulated" is built in for demo and tests.
VERBUND_PAYMENT_PROVIDER = os.environ.get("VERBUND_PAYMENT_PROVIDER", "simulated")

# Webhooks to specialist systems (docs/integrations.md): seconds per attempt, attempts
# before a delivery counts as failed, and whether http:// to this machine is allowed
# (development only; production callbacks must be https to public addresses).
VERBUND_WEBHOOK_TIMEOUT = float(os.environ.get("VERBUND_WEBHOOK_TIMEOUT", "5"))
VERBUND_WEBHOOK_MAX_ATTEMPTS = int(os.environ.get("VERBUND_WEBHOOK_MAX_ATTEMPTS", "8"))
VERBUND_WEBHOOK_ALLOW_LOCAL = _env_bool("VERBUND_WEBHOOK_ALLOW_LOCAL", DEBUG)

# Days an unfinished application is kept for resuming.
VERBUND_DRAFT_DAYS = int(os.environ.get("VERBUND_DRAFT_DAYS", "30"))

# "Später fortsetzen" e-mails: at most this many links per draft and per e-mail address
# within the window (counted in the database, so the limit holds across workers).
VERBUND_RESUME_LINKS_PER_DRAFT = int(os.environ.get("VERBUND_RESUME_LINKS_PER_DRAFT", "3"))
VERBUND_RESUME_LINKS_PER_ADDRESS = int(os.environ.get("VERBUND_RESUME_LINKS_PER_ADDRESS", "5"))
VERBUND_RESUME_LINKS_WINDOW_MINUTES = int(
    os.environ.get("VERBUND_RESUME_LINKS_WINDOW_MINUTES", "60")
)
