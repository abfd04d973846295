"""Ortaq settings: every value that differs between machines comes from the environment.

See README.md ("Settings") for the list. ``ORTAQ_ENV=production`` turns on the
strict checks: a missing secret fails start-up instead of running insecurely.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
import django_stubs_ext
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from ortaq.lib.env import envbool, envint, envlist, envstr

# Lets the admin and querysets be written with their types (ModelAdmin[Model]), as mypy
# with django-stubs reads them.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(envstr("ORTAQ_VAR_DIR", str(BASE_DIR / "var")))

ORTAQ_ENV = envstr("ORTAQ_ENV", "development")
if ORTAQ_ENV not in {"development", "production", "test"}:
    raise ImproperlyConfigured("ORTAQ_ENV must be development, production or test")
PRODUCTION = ORTAQ_ENV == "production"

DEV_SECRET_KEY = "ortaq-development-key-never-use-in-production"  # noqa: S105 (refused in production)
SECRET_KEY = envstr("SECRET_KEY", "" if PRODUCTION else DEV_SECRET_KEY)
if PRODUCTION and (not SECRET_KEY or SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured("Production needs SECRET_KEY: 50 or more random characters.")

DEBUG = envbool("DEBUG", not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production.")

# The two speed helpers of the busiest pages (ortaq/lib/prepared.py, ortaq/lib/fragments.py;
# docs/architecture.md says when a page may use them). Off in development, so an edited
# template or query shows at once; on in production and tests (CI also runs the suite
# with them off).
SPEED_HELPERS = envbool("ORTAQ_SPEED_HELPERS", ORTAQ_ENV != "development")

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Production needs ALLOWED_HOSTS (comma-separated host names).")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "ortaq.apps.OrtaqAdminConfig",  # django.contrib.admin, in Kazakh order
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "template_partials",
    "csp",
    "django_tasks",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "ortaq",
    "accounts",
    "schools",
    "subjects",
    "networks",
    "forums",
    "materials",
    "search",
    "calendars",
    "notifications",
    "observations",
    "events",
    "surveys",
    "awards",
    "portfolios",
    "exchange",
    "plans",
    "coaching",
    "mentoring",
    "lessonstudies",
    "lessonplans",
    "diaries",
]

# Pages leave the app gzipped (ortaq/lib/middleware.py); off where a proxy in front
# compresses them itself (docs/deploy.md), so the work is not done twice.
ORTAQ_COMPRESS_PAGES = envbool("ORTAQ_COMPRESS_PAGES", True)

MIDDLEWARE = [
    # First, so that it compresses what every other middleware has written.
    "ortaq.lib.middleware.CompressPagesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

if PRODUCTION:
    # Serves the collected, hashed and compressed static files; runserver does it in development.
    MIDDLEWARE.insert(2, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "ortaq.urls"
# `make bench` only (bench/): adds the benchmark's two baseline pages to the real ones.
# Never set in a deployment; nothing else changes with it.
if envbool("ORTAQ_BENCH", False):
    ROOT_URLCONF = "bench.urls"
WSGI_APPLICATION = "ortaq.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "ortaq" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ortaq.context_processors.site",
                "notifications.context_processors.unread_notices",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------
# SQLite by default: one file under var/, WAL so readers never wait for the writer,
# IMMEDIATE transactions so two writers queue on the busy timeout instead of failing
# with "database is locked" half-way through.
SQLITE_PATH = VAR_DIR / "ortaq.sqlite3"
DATABASE_URL = envstr("DATABASE_URL", f"sqlite:///{SQLITE_PATH}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=envint("DB_CONN_MAX_AGE", 60))}
_db = DATABASES["default"]
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # A fresh clone has no var/ yet (it is git-ignored); SQLite will not create it.
    if _db["NAME"] not in ("", ":memory:"):
        Path(_db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    _db["CONN_MAX_AGE"] = 0 if ORTAQ_ENV == "test" else _db["CONN_MAX_AGE"]
    _db["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-20000;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": envint("SQLITE_BUSY_TIMEOUT", 20),
    }
elif _db["ENGINE"] == "django.db.backends.postgresql":
    _db["CONN_HEALTH_CHECKS"] = True
    # Search ANDs a common word's matches with the facets in a bitmap: with the default
    # 4 MB it turns lossy at a region's size and PostgreSQL rereads whole pages of rows.
    # Empty to leave it to the server (pgbouncer refuses startup options: set it there
    # with ALTER ROLE … SET work_mem instead; docs/deploy.md).
    if PG_WORK_MEM := envstr("PG_WORK_MEM", "32MB"):
        _db.setdefault("OPTIONS", {})["options"] = f"-c work_mem={PG_WORK_MEM}"
    # Kazakh case-folding and trigram search need a UTF-8 database; template0 lets the
    # test database take the encoding even when template1 was made with another one.
    _db["TEST"] = {"TEMPLATE": "template0", "CHARSET": "UTF8"}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORMS_URLFIELD_ASSUME_HTTPS = True  # the Django 6 default, early: links people paste are https

# --- Cache and sessions ------------------------------------------------------------------
REDIS_URL = envstr("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "ortaq.lib.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": envstr("CACHE_KEY_PREFIX", "ortaq"),
            # A dead Redis must cost a page little: the cache then answers as empty.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Tasks -------------------------------------------------------------------------------
# E-mails are tasks (notifications/tasks.py, events/tasks.py). In production with Redis they wait
# in an RQ queue for `ortaq rqworker --with-scheduler --job-class django_tasks_rq.Job default`
# (the scheduler runs tasks queued for later: a reminder's retry); elsewhere they run at
# once in the process that enqueued them, after its transaction commits.
# RQ rather than the database backend: Redis is already there for the cache and sessions,
# and a queue in Redis costs PostgreSQL no polling and no table of finished jobs to prune.
if PRODUCTION and REDIS_URL:
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": envint("TASK_TIMEOUT", 600)}}
    # RQ's worker, which starts its scheduler again as soon as Redis is back (ortaq/lib/tasks.py).
    RQ = {"WORKER_CLASS": "ortaq.lib.tasks.Worker"}
    TASKS = {"default": {"BACKEND": "ortaq.lib.tasks.RQBackendOrNow", "QUEUES": ["default"]}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- Accounts ----------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["accounts.backends.EmailBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if ORTAQ_ENV == "test":
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ORTAQ_OPEN_SIGNUP = envbool("ORTAQ_OPEN_SIGNUP", True)
# How long the link that finishes a sign-up stays valid (accounts/signups.py).
ORTAQ_SIGNUP_LINK_DAYS = envint("ORTAQ_SIGNUP_LINK_DAYS", 3)
ORTAQ_ANYONE_CREATES_NETWORKS = envbool("ORTAQ_ANYONE_CREATES_NETWORKS", True)
# The demo accounts share one published password; production refuses it at sign-in.
ORTAQ_DEMO_PASSWORD = "ortaq-demo"  # noqa: S105 (published on purpose)
ORTAQ_ALLOW_DEMO_LOGINS = not PRODUCTION
ORTAQ_INVITATION_DAYS = envint("ORTAQ_INVITATION_DAYS", 30)

# --- Email -------------------------------------------------------------------------------
EMAIL_BACKEND = envstr("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
if ORTAQ_ENV == "test":
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
EMAIL_HOST = envstr("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 587)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "Ortaq <noreply@ortaq.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Languages and formats ---------------------------------------------------------------
LANGUAGE_CODE = "kk"
LANGUAGES = [("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")]
LANGUAGE_COOKIE_NAME = "ortaq_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
# Our strings first, then our completion of Django's own Kazakh catalogue.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "ortaq" / "conf" / "locale"]
FORMAT_MODULE_PATH = ["ortaq.formats"]
TIME_ZONE = envstr("TIME_ZONE", "Asia/Almaty")
USE_I18N = True
USE_TZ = True

# --- Static files and uploads ------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(envstr("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "ortaq" / "static"]
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# With S3_BUCKET, uploads live in S3-compatible object storage (MinIO, a cloud's), so
# every app server sees the same files. The bucket stays private: files are reached only
# through the app's file views, which check permissions and then redirect to a signed URL
# (ortaq/lib/uploads.py). Same-named uploads get a new name, never overwrite.
S3_BUCKET = envstr("S3_BUCKET")
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": envstr("S3_ENDPOINT_URL") or None,
            "region_name": envstr("S3_REGION") or None,
            "access_key": envstr("S3_ACCESS_KEY_ID") or None,
            "secret_key": envstr("S3_SECRET_ACCESS_KEY") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
            "signature_version": "s3v4",
            "addressing_style": envstr("S3_ADDRESSING_STYLE", "path"),
        },
    }
# The address browsers reach the bucket by, when it is not S3_ENDPOINT_URL.
_s3_domain = envstr("S3_CUSTOM_DOMAIN")
ORTAQ_S3_PUBLIC_URL = _s3_domain if "://" in _s3_domain else (f"https://{_s3_domain}" if _s3_domain else "")
# How long a signed file URL lives; video and audio longer, as a player seeks for an hour.
ORTAQ_SIGNED_URL_SECONDS = envint("S3_URL_SECONDS", 300)
ORTAQ_SIGNED_MEDIA_URL_SECONDS = envint("S3_MEDIA_URL_SECONDS", 4 * 3600)
# Everything (app servers, worker, media, SQLite) on one machine, on purpose: silences
# the deployment checks ortaq.W002 and W003 (ortaq/checks.py).
ORTAQ_SINGLE_SERVER = envbool("ORTAQ_SINGLE_SERVER", False)
ORTAQ_CERTIFICATE_MAX_BYTES = envint("ORTAQ_CERTIFICATE_MAX_MB", 5) * 1024 * 1024
# Largest upload per family of file types (ortaq/lib/uploads.py), in bytes.
ORTAQ_UPLOAD_LIMITS = {
    "image": envint("ORTAQ_UPLOAD_IMAGE_MB", 10) * 1024 * 1024,
    "document": envint("ORTAQ_UPLOAD_DOCUMENT_MB", 50) * 1024 * 1024,
    "audio": envint("ORTAQ_UPLOAD_AUDIO_MB", 100) * 1024 * 1024,
    "video": envint("ORTAQ_UPLOAD_VIDEO_MB", 500) * 1024 * 1024,
    "table": envint("ORTAQ_IMPORT_MAX_MB", 2) * 1024 * 1024,
}
# Largest file of schools and people to import (exchange): 2 MB hold some 20,000 rows.
ORTAQ_IMPORT_MAX_BYTES = envint("ORTAQ_IMPORT_MAX_MB", 2) * 1024 * 1024
# The most pixels an uploaded image may have: 50 megapixels takes a phone's 48-megapixel
# photo and bounds what decoding a picture can cost (a JPEG is decoded scaled down).
ORTAQ_IMAGE_MAX_PIXELS = envint("ORTAQ_IMAGE_MAX_MEGAPIXELS", 50) * 1_000_000
# Uploads larger than this go to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

# --- API ---------------------------------------------------------------------------------
# /api/v1/ (ortaq/lib/api.py and each app's api.py). Personal tokens (accounts/api.py) for
# scripts and other systems; the session for the site's own calls, with its CSRF check.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "ortaq.lib.api.TokenScope",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
        "rest_framework.parsers.FormParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "ortaq.lib.api.Cursor",
    "DEFAULT_THROTTLE_CLASSES": ["ortaq.lib.api.TokenRateThrottle"],
    # Per token (or person, or address): ORTAQ_API_RATE requests, e.g. 600/min.
    "DEFAULT_THROTTLE_RATES": {"api": envstr("ORTAQ_API_RATE", "600/min")},
    "EXCEPTION_HANDLER": "ortaq.lib.api.problem_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Ortaq API",
    "DESCRIPTION": "Networks of schools: their people, groups, forum, library, events, open lessons and awards. "
    "Send a personal token (made on your profile page) as `Authorization: Bearer <token>`.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "ortaq.lib.api.problem_responses",
    ],
    # One name per choice set shared by several fields, so clients get one enum each.
    "ENUM_NAME_OVERRIDES": {
        "LanguageEnum": "accounts.models.User.Language",
        "CertificationKindEnum": "accounts.models.Certification.Kind",
        "NetworkKindEnum": "networks.models.Network.Kind",
        "GroupKindEnum": "networks.models.Group.Kind",
        "MaterialKindEnum": "materials.models.Material.Kind",
        "MaterialLanguageEnum": "materials.models.Material.Language",
        "EventKindEnum": "events.models.Kind",
        "EventStatusEnum": "events.models.Event.Status",
        "ParticipationStatusEnum": "events.models.Participation.Status",
        "AttendanceEnum": "events.models.Participation.Attendance",
        "AbsenceReasonEnum": "events.models.Participation.AbsenceReason",
        "WeekOfMonthEnum": "events.models.EventSeries.Week",
        "WeekdayEnum": "events.models.EventSeries.Weekday",
        "AwardKindEnum": "awards.models.Award.Kind",
        "CoachingPlanStatusEnum": "coaching.models.CoachingPlan.Status",
        "CoachingSessionStatusEnum": "coaching.models.CoachingSession.Status",
    },
}

# --- Security ----------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
ORTAQ_BEHIND_PROXY = envbool("ORTAQ_BEHIND_PROXY", PRODUCTION)
if ORTAQ_BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Failed sign-ins (accounts/throttle.py): after this many for one account, or from one
# address, sign-in is refused there for ORTAQ_SIGNIN_LOCK_MINUTES.
ORTAQ_SIGNIN_ACCOUNT_FAILURES = envint("ORTAQ_SIGNIN_ACCOUNT_FAILURES", 10)
ORTAQ_SIGNIN_ADDRESS_FAILURES = envint("ORTAQ_SIGNIN_ADDRESS_FAILURES", 30)
ORTAQ_SIGNIN_LOCK_MINUTES = envint("ORTAQ_SIGNIN_LOCK_MINUTES", 15)
if PRODUCTION:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
if S3_BUCKET:
    # File views redirect to signed URLs on the object store; images, video and audio
    # shown in pages then come from its origin, which the policy must allow.
    _store = ORTAQ_S3_PUBLIC_URL or envstr("S3_ENDPOINT_URL") or "https://*.amazonaws.com"
    _store_origin = "/".join(_store.split("/")[:3])
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(_store_origin)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["media-src"] = [SELF, _store_origin]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

ORTAQ_SITE_NAME = _("Ortaq")
