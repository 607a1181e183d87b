"""WSGI entry point (gunicorn commentapp.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commentapp.settings.production")

application = get_wsgi_application()
