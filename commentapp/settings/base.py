"""Settings shared by every environment.

Everything comes from environment variables with defaults that work on a fresh clone:
no variable set means SQLite, an in-memory cache and Celery tasks run in-process.
DATABASE_URL and REDIS_URL switch to PostgreSQL and a Redis-backed Celery worker.
"""

from datetime import timedelta
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parents[2]

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env")

SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-development-key-change-me")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.syndication",
    "crispy_forms",
    "crispy_bootstrap5",
    "rest_framework",
    "drf_spectacular",
    "django_ratelimit",
    "articles",
    "commentapp.comments",
    "commentapp.newsletter",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "commentapp.urls"
WSGI_APPLICATION = "commentapp.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DJANGO_CONN_MAX_AGE", default=0))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache and Celery broker -------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="commentapp"),
            "OPTIONS": {
                # A cache outage must degrade to a slower page, never an error page.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # django-ratelimit wants a cache shared by every web process. Without REDIS_URL there is one
    # process (runserver, the tests), so the per-process cache is enough; production settings
    # require REDIS_URL and get these checks back.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
# No broker configured: run tasks in the web process so one command shows the whole site.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = "UTC"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Celery's Django fixup closes the database connection around every task unless told to reuse
# it; reconnecting to PostgreSQL per comment costs more than classifying it. CONN_MAX_AGE and
# the health checks still retire a broken or old connection.
CELERY_DB_REUSE_MAX = env.int("CELERY_DB_REUSE_MAX", default=1000)
CELERY_TASK_SOFT_TIME_LIMIT = 30
CELERY_TASK_TIME_LIMIT = 60
# A reader's POST must not hang when Redis is down: bound the publish retries.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_PUBLISH_RETRY = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # A message whose worker died unacknowledged is redelivered after this many seconds.
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=300),
    # Without socket timeouts a publish to a Redis that vanished without closing the TCP
    # connection waits forever, and the reader's POST with it.
    "socket_connect_timeout": 2,
    "socket_timeout": 3,
}
CELERY_BEAT_SCHEDULE = {
    "requeue-stale-pending-comments": {
        "task": "comments.requeue_stale_pending",
        "schedule": timedelta(seconds=env.int("COMMENTS_REQUEUE_SWEEP_SECONDS", default=60)),
    },
    # One digest mail of newly held comments for the moderators (a spam wave is one mail).
    "moderator-digest": {
        "task": "comments.send_moderator_digest",
        "schedule": timedelta(minutes=env.int("COMMENTS_MODERATOR_DIGEST_MINUTES", default=5)),
    },
    # Moderators' decisions retrain the site model at once; this catches what that misses: a
    # deploy with a new shipped model (the site model is rebuilt on it) or a broker outage
    # during a decision. A no-op when nothing changed.
    "retrain-spam-model": {
        "task": "comments.retrain_spam_model",
        "schedule": timedelta(minutes=env.int("COMMENTS_SPAM_RETRAIN_MINUTES", default=15)),
    },
}

# --- Auth, sessions ------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "articles:home"
LOGOUT_REDIRECT_URL = "articles:home"

# --- i18n, static ----------------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Email -------------------------------------------------------------------------------------
MAILERS = {
    "default": {
        "BACKEND": env(
            "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
        ),
    }
}
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="comments@example.com")

# --- Forms, API ----------------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # JSON bodies only: a cross-site page cannot send application/json without a CORS preflight,
    # so anonymous posts (which SessionAuthentication exempts from CSRF) cannot be forged from
    # another site's form. A form-encoded or multipart POST gets 415.
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Comments API",
    "DESCRIPTION": "Read an article's approved comments and post comments or replies.",
    "VERSION": "1.0.0",
}

# --- Content-Security-Policy (Django's built-in middleware) ------------------------------------
from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# --- The comment platform's own knobs ------------------------------------------------------------
COMMENTS_MAX_DEPTH = env.int("COMMENTS_MAX_DEPTH", default=4)  # levels shown; no reply link deeper
COMMENTS_BODY_MAX_LENGTH = 5000
COMMENTS_NAME_MAX_LENGTH = 80
COMMENTS_EDIT_WINDOW = timedelta(minutes=env.int("COMMENTS_EDIT_WINDOW_MINUTES", default=15))
COMMENTS_AUTO_CLOSE_DAYS = env.int("COMMENTS_AUTO_CLOSE_DAYS", default=0)  # 0 = never
COMMENTS_REPORTS_TO_HOLD = env.int("COMMENTS_REPORTS_TO_HOLD", default=3)
COMMENTS_PENDING_REQUEUE_AFTER = timedelta(
    seconds=env.int("COMMENTS_PENDING_REQUEUE_AFTER_SECONDS", default=60)
)
COMMENTS_MIN_SUBMIT_SECONDS = env.int("COMMENTS_MIN_SUBMIT_SECONDS", default=3)
COMMENTS_THREADS_PER_PAGE = env.int("COMMENTS_THREADS_PER_PAGE", default=50)
# A page of the thread holds whole conversations up to this many comments (one bigger
# conversation gets a page of its own), and at most COMMENTS_THREADS_PER_PAGE conversations.
COMMENTS_PAGE_COMMENT_BUDGET = env.int("COMMENTS_PAGE_COMMENT_BUDGET", default=500)
# Rendered thread pages are cached this long (invalidated on every visible change anyway).
COMMENTS_THREAD_CACHE_SECONDS = env.int("COMMENTS_THREAD_CACHE_SECONDS", default=3600)
# Newsletter: confirmation links expire; a mailing is sent this many subscribers per task.
NEWSLETTER_CONFIRM_MAX_AGE = timedelta(hours=env.int("NEWSLETTER_CONFIRM_HOURS", default=72))
NEWSLETTER_BATCH_SIZE = env.int("NEWSLETTER_BATCH_SIZE", default=100)
# "Your data" links (export / erase a commenter's comments) expire after this long.
DATA_REQUEST_MAX_AGE = timedelta(hours=env.int("DATA_REQUEST_HOURS", default=24))
SPAM_HOLD_THRESHOLD = env.float("SPAM_HOLD_THRESHOLD", default=0.5)
SPAM_SPAM_THRESHOLD = env.float("SPAM_SPAM_THRESHOLD", default=0.8)
# Number of proxies in front of the app that append to X-Forwarded-For (0: use REMOTE_ADDR).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
RATELIMIT_ENABLE = env.bool("RATELIMIT_ENABLE", default=True)
# If Redis (the cache) is down, let readers post rather than refuse everyone: the spam filter
# still sees every comment. (django-ratelimit's default would limit every request.)
RATELIMIT_FAIL_OPEN = True
# Per-group overrides of comments.ratelimits.DEFAULT_RATES, e.g. {"comment-post": {"ip": "30/m"}}.
COMMENTS_RATE_LIMITS = env.json("COMMENTS_RATE_LIMITS", default={})

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
