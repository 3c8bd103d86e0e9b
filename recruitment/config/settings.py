"""Settings for the recruitment site.

Every value that differs between a laptop, CI and production is read from the
environment here, in one place. Defaults are the safe production ones; `make run`
and the test configuration set the development values explicitly.
"""

from __future__ import annotations

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from recruitment.config.file_storage import file_storages

# recruitment/config/settings.py -> the project root
BASE_DIR = Path(__file__).resolve().parents[2]

env = environ.Env()


# --- Core -------------------------------------------------------------------

DEBUG = env.bool("DJANGO_DEBUG", False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105 - DEBUG only

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
# Absolute base for links in emails (no trailing slash).
SITE_URL = env.str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = env.str("SITE_NAME", "Northstar Product Leaders")

VAR_DIR = Path(env.str("VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

INSTALLED_APPS = [
    "recruitment.apps.AgencyAdminConfig",  # django.contrib.admin with the agency's AdminSite
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_countries",
    "csp",
    "accounts",
    "vacancies",
    "recruitment",
]

MIDDLEWARE = [
    "recruitment.middleware.RequestSizeLimitMiddleware",  # first: refuses oversized bodies unread
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.time_zones.TimeZoneMiddleware",
    "csp.middleware.CSPMiddleware",
    "recruitment.middleware.AccessLogMiddleware",
]

ROOT_URLCONF = "recruitment.config.urls"
WSGI_APPLICATION = "recruitment.config.wsgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # templates/<app>/ for our apps; templates/allauth/ holds every allauth override: its layouts and
        # elements ("allauth/...") and, through the second entry, its pages ("account/login.html" ...).
        "DIRS": [BASE_DIR / "templates", BASE_DIR / "templates" / "allauth"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "recruitment.config.context_processors.site",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------

DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", 60)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the web server and the Celery worker read while one writes.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
        "transaction_mode": "IMMEDIATE",
    }
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth and allauth -------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"

ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""  # our subjects say what the email is about; the sender already names us
ACCOUNT_FORMS = {
    "signup": "accounts.forms.CandidateSignupForm",
    # Reset links go only to accounts that verified the address (accounts/email_ownership.py).
    "reset_password": "accounts.email_ownership.VerifiedResetPasswordForm",
}
# allauth's defaults, stated so that nobody switches them off by accident.
ACCOUNT_RATE_LIMITS = {
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reset_password": "20/m/ip,5/m/key",
    "reauthenticate": "10/m/user",
    "reset_password_from_key": "20/m/ip",
    "signup": "20/m/ip",
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "confirm_email": "1/3m/key",
}

# The per-account login slow-down across IPs (accounts/login_slowdown.py): from this many failures for one
# account within the window, from any IPs, each attempt waits 1, 2, 4 ... s (capped); an IP the account
# logged in from before is never slowed; recruiters get one email per account per window.
LOGIN_SLOWDOWN_AFTER_FAILURES = env.int("LOGIN_SLOWDOWN_AFTER_FAILURES", 10)
LOGIN_SLOWDOWN_WINDOW_SECONDS = env.int("LOGIN_SLOWDOWN_WINDOW_SECONDS", 900)
LOGIN_SLOWDOWN_MAX_DELAY_SECONDS = env.int("LOGIN_SLOWDOWN_MAX_DELAY_SECONDS", 60)
LOGIN_KNOWN_DEVICE_DAYS = env.int("LOGIN_KNOWN_DEVICE_DAYS", 30)

# --- Caches (shared, so rate limits hold across processes) -------------------

REDIS_URL = env.str("REDIS_URL", "redis://127.0.0.1:6379/0")
CACHE_URL = env.str("CACHE_URL", "redis" if not DEBUG else "locmem")
if CACHE_URL == "redis":
    CACHES = {
        "default": {
            "BACKEND": "recruitment.config.cache.ResilientRedisCache",
            "LOCATION": env.str("REDIS_CACHE_URL", REDIS_URL),
            "TIMEOUT": 300,
            # The site keeps serving when Redis is briefly away.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    # Room for every open vacancy's board card and page parts, and the searches (Django's default is 300).
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 50_000}}
    }

# Rendered vacancy-board results are cached this long (0 turns it off); changes to vacancies drop them at once.
BOARD_CACHE_SECONDS = env.int("BOARD_CACHE_SECONDS", 300)
# Each web process also keeps up to this many bytes of the board's entries it used last (their keys change with
# every change, so a kept copy is never out of date): a warm page then asks the shared cache one question.
BOARD_LOCAL_CACHE_BYTES = env.int("BOARD_LOCAL_CACHE_BYTES", 64 * 1024 * 1024)

SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14

# --- Internationalisation ---------------------------------------------------

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env.str("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

# --- Static and private files -----------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Bootstrap's CSS/JS are vendored under static/vendor/bootstrap/ (no CDN).
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", str(VAR_DIR / "media")))
# CVs live here, outside MEDIA_ROOT, and are only served by a permission-checked view.
PRIVATE_STORAGE_ROOT = Path(env.str("PRIVATE_STORAGE_ROOT", str(VAR_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "accounts.storage.PrivateStorage"},
    "staticfiles": {
        # Hashed, compressed files in production (needs collectstatic); plain in dev and tests.
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env.bool("DJANGO_STATIC_MANIFEST", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Files on more than one web machine: FILE_STORAGE=s3 keeps logos and CVs in S3-compatible buckets (see
# recruitment/config/file_storage.py) instead of MEDIA_ROOT / PRIVATE_STORAGE_ROOT on this machine's disk.
FILE_STORAGE = env.str("FILE_STORAGE", "local")
STORAGES, MEDIA_ORIGIN = file_storages(env, FILE_STORAGE, STORAGES)
# Without a collected manifest (dev, tests) whitenoise serves straight from the finders.
WHITENOISE_USE_FINDERS = not env.bool("DJANGO_STATIC_MANIFEST", not DEBUG)
WHITENOISE_AUTOREFRESH = DEBUG

CV_MAX_BYTES = 5 * 1024 * 1024
DOCX_MAX_UNCOMPRESSED_BYTES = env.int("DOCX_MAX_UNCOMPRESSED_BYTES", 50 * 1024 * 1024)
LOGO_MAX_BYTES = 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 5
# The largest request body accepted at all (a 5 MB CV plus the form around it); larger ones get 413 before
# they are read (recruitment.middleware.RequestSizeLimitMiddleware). The proxy's cap must match.
REQUEST_MAX_BYTES = env.int("REQUEST_MAX_BYTES", CV_MAX_BYTES + 1024 * 1024)
# Form fields other than files, together (Django's own limit, stated).
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_PERMISSIONS = 0o640

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Email ------------------------------------------------------------------

EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env.str("EMAIL_HOST", "localhost")
EMAIL_PORT = env.int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", 10)
EMAIL_FILE_PATH = str(VAR_DIR / "sent-emails")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", f"{SITE_NAME} <talent@northstar.example>")
SERVER_EMAIL = env.str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# --- Matching and alerts ----------------------------------------------------

# Minimum score (0-100) for a match to trigger an alert.
MATCH_ALERT_THRESHOLD = env.int("MATCH_ALERT_THRESHOLD", 70)
# Role-family slugs whose openings trigger candidate alerts.
MATCH_ALERT_ROLE_FAMILIES = env.list("MATCH_ALERT_ROLE_FAMILIES", default=["chief-product-officer", "head-of-product"])
# Points per criterion; the score is the points earned as a share of the criteria's maximum (100, or
# 120 for an opening in a regulated industry, where industry background weighs more).
MATCH_WEIGHTS = {
    "role_family": env.int("MATCH_WEIGHT_ROLE_FAMILY", 25),
    "experience": env.int("MATCH_WEIGHT_EXPERIENCE", 20),
    "skills": env.int("MATCH_WEIGHT_SKILLS", 25),
    "industry": env.int("MATCH_WEIGHT_INDUSTRY", 10),
    "industry_regulated": env.int("MATCH_WEIGHT_INDUSTRY_REGULATED", 30),
    "location": env.int("MATCH_WEIGHT_LOCATION", 10),
    "salary": env.int("MATCH_WEIGHT_SALARY", 10),
}
# Industry slugs of regulated sectors (compliance): their background weighs MATCH_WEIGHT_INDUSTRY_REGULATED,
# and background in another of them earns half.
MATCH_REGULATED_INDUSTRIES = env.list(
    "MATCH_REGULATED_INDUSTRIES", default=["healthcare", "fintech-and-financial-services", "insurance"]
)
# Must-haves: a candidate who misses one scores at most MATCH_ALERT_THRESHOLD - 1, whatever the rest adds up
# to. Skills: the share (percent) of must-have skills, and of all required skills, a candidate must have.
MATCH_MUST_HAVE_SKILLS_PERCENT = env.int("MATCH_MUST_HAVE_SKILLS_PERCENT", 60)
MATCH_REQUIRED_SKILLS_PERCENT = env.int("MATCH_REQUIRED_SKILLS_PERCENT", 40)
# Years of product experience a director-level (or more senior) opening wants when it asks for fewer.
MATCH_LEADERSHIP_MIN_YEARS = env.int("MATCH_LEADERSHIP_MIN_YEARS", 5)
# Matches below this score are not stored (nobody ranks or alerts on them).
MATCH_STORE_MIN_SCORE = env.int("MATCH_STORE_MIN_SCORE", 30)
# Stored matches: the best this many per vacancy and per candidate (plus any an alert links to).
MATCH_KEEP_PER_VACANCY = env.int("MATCH_KEEP_PER_VACANCY", 500)
MATCH_KEEP_PER_CANDIDATE = env.int("MATCH_KEEP_PER_CANDIDATE", 500)
# Matching one vacancy fans out as a Celery chord of chunks of this many short-listed candidates (one
# task each, on any worker), merged into the best MATCH_KEEP_PER_VACANCY; one chunk runs inline.
MATCH_CHUNK_SIZE = env.int("MATCH_CHUNK_SIZE", 10_000)
# Alert fatigue: at most this many alerts per vacancy (the best by score), and at most this many instant
# alerts per candidate in 7 days (the rest wait for the next daily digest).
MATCH_ALERTS_PER_VACANCY = env.int("MATCH_ALERTS_PER_VACANCY", 200)
MATCH_INSTANT_ALERTS_PER_WEEK = env.int("MATCH_INSTANT_ALERTS_PER_WEEK", 5)

# --- Introductions and declines --------------------------------------------------
# A candidate has this many days to answer an introduction (or a request to reveal their name), and is
# reminded once after INTRODUCTION_REMIND_AFTER_DAYS.
INTRODUCTION_EXPIRES_DAYS = env.int("INTRODUCTION_EXPIRES_DAYS", 14)
INTRODUCTION_REMIND_AFTER_DAYS = env.int("INTRODUCTION_REMIND_AFTER_DAYS", 7)
# A client's decline waits this long for the recruiter (who may edit it or send it at once).
DECLINE_NOTICE_DELAY_HOURS = env.int("DECLINE_NOTICE_DELAY_HOURS", 24)

# --- Placements ----------------------------------------------------------------------
# A client's terms when none are recorded on the Company: the fee as a percentage of the first-year base
# salary, the guarantee (days from the start date) and the days an invoice gives them to pay.
PLACEMENT_FEE_PERCENT = env.int("PLACEMENT_FEE_PERCENT", 20)
PLACEMENT_GUARANTEE_DAYS = env.int("PLACEMENT_GUARANTEE_DAYS", 90)
PLACEMENT_PAYMENT_DAYS = env.int("PLACEMENT_PAYMENT_DAYS", 30)
# The credited recruiter is emailed when a guarantee ends within this many days.
PLACEMENT_GUARANTEE_WARNING_DAYS = env.int("PLACEMENT_GUARANTEE_WARNING_DAYS", 14)

# Notification rows left pending/sending this long are re-enqueued by the sweeper.
OUTBOX_STALE_AFTER_SECONDS = env.int("OUTBOX_STALE_AFTER_SECONDS", 300)
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", 8)
# Transient SMTP failures are retried after base * 2**(attempt-1) seconds (with jitter), capped; the
# cap is also kept below the broker's visibility timeout (see CELERY_BROKER_TRANSPORT_OPTIONS).
OUTBOX_RETRY_BASE_SECONDS = env.int("OUTBOX_RETRY_BASE_SECONDS", 30)
OUTBOX_RETRY_MAX_SECONDS = env.int("OUTBOX_RETRY_MAX_SECONDS", 1800)
# The quick sweep: rows waiting for the broker or an unreachable SMTP server are enqueued this often (and
# whenever a worker reconnects to the broker), so deliveries resume within seconds of either coming back.
OUTBOX_REQUEUE_SECONDS = env.float("OUTBOX_REQUEUE_SECONDS", 5)
# How many outbox rows one send task delivers over one SMTP connection.
OUTBOX_BATCH_SIZE = env.int("OUTBOX_BATCH_SIZE", 100)

# --- Celery -----------------------------------------------------------------

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", REDIS_URL)
# Results are kept only for the tasks that declare ignore_result=False: the matching chunks, whose best rows
# a chord's callback merges (README, "How matching scales"). The chord's counter lives there too.
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", CELERY_BROKER_URL)
CELERY_RESULT_EXPIRES = env.int("CELERY_RESULT_EXPIRES", 3600)
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", 300)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", 240)
# Every retry delay stays well below this, so a task is never redelivered while it waits.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", 3600),
    "socket_connect_timeout": env.float("CELERY_BROKER_CONNECTION_TIMEOUT", 0.5),
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A publish from a web request gives up quickly when Redis is away (the outbox sweeper enqueues the rows
# later): one quick retry, and a short connect timeout, so a recruiter's click stays well under a second.
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("CELERY_BROKER_CONNECTION_TIMEOUT", 0.5)
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.1, "interval_max": 0.1}
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Reconnects to the broker at least every second (kombu's backoff grows to 30 s) and runs the outbox's
# quick sweep on every (re)connection (recruitment/config/celery.py).
CELERY_WORKER_CONSUMER = "recruitment.config.celery:ReconnectingConsumer"
CELERY_BEAT_SCHEDULE = {
    "expire-vacancies": {"task": "vacancies.tasks.vacancies_expire_due_task", "schedule": 15 * 60},
    "sweep-outbox": {"task": "recruitment.tasks.outbox_sweep_task", "schedule": 60},
    "sweep-introductions": {"task": "recruitment.tasks.introductions_sweep_task", "schedule": 15 * 60},
    "sweep-interviews": {"task": "recruitment.tasks.interviews_sweep_task", "schedule": 15 * 60},
    "guarantees-ending": {"task": "recruitment.tasks.guarantees_ending_task", "schedule": crontab(hour=8, minute=0)},
    "requeue-outbox": {"task": "recruitment.tasks.outbox_requeue_task", "schedule": OUTBOX_REQUEUE_SECONDS},
    "daily-digests": {
        "task": "recruitment.tasks.digests_build_task",
        "schedule": crontab(hour=7, minute=0),
        "args": ["daily"],
    },
    "weekly-digests": {
        "task": "recruitment.tasks.digests_build_task",
        "schedule": crontab(hour=7, minute=30, day_of_week="mon"),
        "args": ["weekly"],
    },
}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# --- Security ---------------------------------------------------------------

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("DJANGO_BEHIND_PROXY", False) else None
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# How many reverse proxies put an X-Forwarded-For entry in front of the client's (0 = none trusted).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", 0)
# No inline scripts anywhere (JSON-LD data blocks are not scripts); inline style attributes are
# allowed because the Django admin and server-rendered SVG charts use them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Logging ----------------------------------------------------------------

LOG_LEVEL = env.str("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # Paths in Django's request logs and runserver's request lines lose their secret parts (unsubscribe
    # tokens, password reset and email confirmation keys); gunicorn's logs: config/gunicorn_logging.py.
    "filters": {"redact_secret_paths": {"()": "accounts.security_log.RedactSecretPaths"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.request": {"filters": ["redact_secret_paths"]},
        "django.security.csrf": {"filters": ["redact_secret_paths"]},
        "django.server": {"filters": ["redact_secret_paths"]},
        "django.db.backends": {"level": "WARNING"},
        "security": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
