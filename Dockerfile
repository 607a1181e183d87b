# The production image: gunicorn (web), celery worker and celery beat all run from it
# (docker-compose.yml picks the command). Static files are collected at build time so the
# manifest that CompressedManifestStaticFilesStorage needs is baked into the image.
FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Runtime dependencies first: this layer is rebuilt only when requirements.txt changes.
COPY requirements.txt .
RUN pip install -r requirements.txt

RUN groupadd --system app && useradd --system --gid app --home-dir /app --no-create-home app

COPY --chown=app:app . .

# collectstatic needs settings that import; these build-time values are never used to serve.
RUN DJANGO_SETTINGS_MODULE=commentapp.settings.production \
    DJANGO_SECRET_KEY=build-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz \
    DJANGO_ALLOWED_HOSTS=localhost \
    DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    REDIS_URL=redis://localhost:6379/0 \
    python manage.py collectstatic --noinput \
    && chown -R app:app /app/staticfiles

USER app

ENV DJANGO_SETTINGS_MODULE=commentapp.settings.production
EXPOSE 8000

ENTRYPOINT ["/app/scripts/docker-entrypoint"]
CMD ["gunicorn", "commentapp.wsgi", "--config", "gunicorn.conf.py"]
