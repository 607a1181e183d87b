"""The Celery application. Configuration comes from Django settings (CELERY_ namespace)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commentapp.settings.local")

app = Celery("commentapp")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
