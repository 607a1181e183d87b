"""Settings for the integration tests: the real PostgreSQL and Redis when they answer.

`make test-integration` uses these. Each service is probed once; a missing one leaves the
SQLite / in-process default in place and is listed in SERVICES_MISSING, which the integration
tests turn into a visible skip (or, under CI=true, a failure).
"""

import socket
from urllib.parse import urlparse

from .test import *  # noqa: F403
from .test import env

INTEGRATION_DATABASE_URL = env(
    "INTEGRATION_DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/commentapp"
)
INTEGRATION_REDIS_URL = env("INTEGRATION_REDIS_URL", default="redis://127.0.0.1:6379/9")
SERVICES_MISSING: list[str] = []


def _answers(url: str, default_port: int) -> bool:
    parts = urlparse(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or default_port), timeout=1):
            return True
    except OSError:
        return False


if _answers(INTEGRATION_DATABASE_URL, 5432):
    DATABASES = {"default": env.db_url_config(INTEGRATION_DATABASE_URL)}
else:
    SERVICES_MISSING.append(f"PostgreSQL is not reachable at {INTEGRATION_DATABASE_URL}")

if _answers(INTEGRATION_REDIS_URL, 6379):
    REDIS_URL = INTEGRATION_REDIS_URL
    CELERY_BROKER_URL = INTEGRATION_REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": INTEGRATION_REDIS_URL,
            "KEY_PREFIX": "commentapp-test",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1},
        }
    }
else:
    SERVICES_MISSING.append(f"Redis is not reachable at {INTEGRATION_REDIS_URL}")

# A worker killed mid-task leaves its message unacknowledged; Redis hands it to the next worker
# only after the visibility timeout. The tests kill workers on purpose, so shorten it (and scan
# for such messages every second) to see the redelivery in seconds rather than minutes.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    **CELERY_BROKER_TRANSPORT_OPTIONS,  # noqa: F405
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=8),
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}

# A worker subprocess cannot reach the test process' in-memory outbox: when the test asks for
# it, the worker writes each email as a file for the test to read.
if INTEGRATION_EMAIL_DIR := env("INTEGRATION_EMAIL_DIR", default=""):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": INTEGRATION_EMAIL_DIR},
        }
    }
