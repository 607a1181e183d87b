"""Integration tests talk to the real PostgreSQL, Redis and `celery worker` processes.

Run them with `make test-integration` (commentapp.settings.integration). A service that does not
answer turns every integration test into a visible skip naming it, and into a failure under
CI=true: CI must never go green by skipping the tests that use the real parts.
"""

from __future__ import annotations

import contextlib
import os
from urllib.parse import quote

import pytest
from django.conf import settings

from .processes import CeleryWorker

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _missing_services() -> list[str]:
    if not hasattr(settings, "SERVICES_MISSING"):
        return [
            "integration settings are not in use "
            "(run `make test-integration`, i.e. --ds=commentapp.settings.integration)"
        ]
    return list(settings.SERVICES_MISSING)


def pytest_collection_modifyitems(config, items):
    missing = _missing_services()
    if not missing:
        return
    reason = "integration services missing: " + "; ".join(missing)
    for item in items:
        if item.get_closest_marker("integration") is None:
            continue
        if IN_CI:
            item.add_marker(pytest.mark.services_missing_in_ci(reason=reason))
        else:
            item.add_marker(pytest.mark.skip(reason=reason))


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "services_missing_in_ci(reason): internal, fails an integration test in CI"
    )


def pytest_runtest_setup(item):
    marker = item.get_closest_marker("services_missing_in_ci")
    if marker is not None:
        pytest.fail(f"CI=true and {marker.kwargs['reason']}", pytrace=False)


@pytest.fixture(autouse=True)
def _flush_test_redis(request):
    """Each integration test starts with an empty Redis db (queue, unacked set, cache)."""
    if request.node.get_closest_marker("integration") is None or _missing_services():
        yield
        return
    import redis

    client = redis.Redis.from_url(settings.INTEGRATION_REDIS_URL)
    client.flushdb()
    yield
    client.flushdb()
    client.close()


def _database_url() -> str:
    from django.db import connection

    db = connection.settings_dict
    auth = quote(db["USER"] or "postgres")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"])
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker_env(transactional_db) -> dict[str, str]:
    """Environment for a worker subprocess: the pytest-django TEST database (committed rows,
    hence transactional_db) and the test Redis db."""
    return {
        "DJANGO_SETTINGS_MODULE": "commentapp.settings.integration",
        "INTEGRATION_DATABASE_URL": _database_url(),
        "INTEGRATION_REDIS_URL": settings.INTEGRATION_REDIS_URL,
    }


@pytest.fixture
def start_worker(worker_env):
    """Start real workers (`start_worker(env=..., include=..., beat=...)`); all are stopped
    (terminate, then kill) when the test ends, whatever happened."""
    workers: list[CeleryWorker] = []

    def start(*, env: dict[str, str] | None = None, include=(), beat=False) -> CeleryWorker:
        worker = CeleryWorker(env={**worker_env, **(env or {})}, include=include, beat=beat)
        workers.append(worker)
        return worker.start()

    yield start
    for worker in workers:
        worker.stop()


@pytest.fixture
def celery_worker(start_worker) -> CeleryWorker:
    return start_worker()


@contextlib.contextmanager
def broker(url: str):
    """Point this test process' Celery producer at another broker, then back."""
    from kombu import pools

    from commentapp.celery import app

    def reset():
        # kombu keeps producer pools in a global registry keyed by connection: clear it, or the
        # app would get back a pool closed here once it points at the first broker again.
        pools.reset()
        app._pool = None
        app.amqp._producer_pool = None

    before = app.conf.broker_url
    reset()
    app.conf.broker_url = url
    try:
        yield
    finally:
        reset()
        app.conf.broker_url = before
