"""Settings for pytest: fast hashing, mail to the in-memory outbox, tasks in-process.

Integration tests set DATABASE_URL / REDIS_URL before Django starts (see tests/integration).
"""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
COMMENTS_MIN_SUBMIT_SECONDS = 0
if not env("DATABASE_URL", default=""):
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
# Tests serve static files from the app/project folders (no collectstatic): without a
# STATIC_ROOT WhiteNoise has nothing to index and does not warn about the missing folder.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
