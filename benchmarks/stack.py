"""A local production-ish stack for benchmarks: own PostgreSQL database, own Redis db, a real
celery worker and (for the load test) gunicorn. Everything on loopback; everything stopped at
the end. Used by benchmarks/load.py and benchmarks/worker_throughput.py.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379")
ARTIFACTS = BASE_DIR / "test-artifacts"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stack_env(*, database: str, redis_db: int, **extra: str) -> dict[str, str]:
    """Production settings, minus HTTPS (plain loopback HTTP), against local services."""
    return {
        **os.environ,
        "PYTHONPATH": str(BASE_DIR),
        "DJANGO_SETTINGS_MODULE": "commentapp.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"{PG}/{database}",
        "REDIS_URL": f"{REDIS}/{redis_db}",
        "DJANGO_LOG_LEVEL": "WARNING",
        **extra,
    }


def recreate_database(name: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(name: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def flush_redis(db: int) -> None:
    import redis

    client = redis.Redis.from_url(f"{REDIS}/{db}")
    client.flushdb()
    client.close()


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([str(BIN / "python"), "manage.py", *args], cwd=BASE_DIR, env=env, check=True)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _wait(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(0.2)


@contextmanager
def celery_worker(env: dict[str, str], *, name: str, concurrency: int = 1, pool: str = "prefork"):
    """One `celery worker` (prefork, concurrency 1 unless asked) consuming the default queue."""
    ARTIFACTS.mkdir(exist_ok=True)
    log = ARTIFACTS / f"{name}.log"
    log.unlink(missing_ok=True)
    process = subprocess.Popen(
        [
            str(BIN / "celery"), "-A", "commentapp", "worker", f"--concurrency={concurrency}",
            f"--pool={pool}",
            "--loglevel=INFO", f"--logfile={log}", "-n", f"{name}@%h",
            "--without-gossip", "--without-mingle",
        ],
        cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        _wait(
            lambda: (
                process.poll() is not None or "ready." in log.read_text(errors="replace")
                if log.exists()
                else False
            ),
            60,
            "the celery worker",
        )
        if process.poll() is not None:
            raise SystemExit(f"celery worker exited; see {log}")
        yield process
    finally:
        _stop(process)


@contextmanager
def gunicorn(env: dict[str, str], *, port: int, workers: int = 2, threads: int = 4):
    ARTIFACTS.mkdir(exist_ok=True)
    log = (ARTIFACTS / "gunicorn-load.log").open("w")
    process = subprocess.Popen(
        [
            str(BIN / "gunicorn"), "commentapp.wsgi:application", "--bind", f"127.0.0.1:{port}",
            "--workers", str(workers), "--threads", str(threads), "--worker-class", "gthread",
            "--log-level", "warning", "--timeout", "30", "--access-logfile", "/dev/null",
        ],
        cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip

    def answers() -> bool:
        if process.poll() is not None:
            raise SystemExit("gunicorn exited at start")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            return False

    try:
        _wait(answers, 60, "gunicorn")
        yield process
    finally:
        _stop(process)
        log.close()
