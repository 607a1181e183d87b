"""Development settings: `make run` uses these (DEBUG on, mail printed to the console)."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
