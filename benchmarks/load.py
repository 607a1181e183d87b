"""`make load`: the site under gunicorn with a Redis-backed worker, driven by readers and posters.

On loopback only: production settings (HTTP, no TLS redirect) against its own PostgreSQL database
(commentapp_load) and Redis db 12, one celery worker, gunicorn on a spare port. 20 reader threads
GET article pages and 5 poster threads GET the form (CSRF cookie + signed timestamp) and POST a
comment, for LOAD_SECONDS (default 60; bounded, stops by itself). Then it waits for the worker to
drain and checks that every accepted comment is stored and classified. Prints requests/s,
p50/p95/p99 latency, the error count and lost / unclassified comments; exits 1 if any.
"""

from __future__ import annotations

import http.client
import os
import random
import re
import statistics
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import stack

DATABASE = "commentapp_load"
REDIS_DB = 12
READERS = int(os.environ.get("LOAD_READERS", 20))
POSTERS = int(os.environ.get("LOAD_POSTERS", 5))
SECONDS = min(float(os.environ.get("LOAD_SECONDS", 60)), 600)
ARTICLES = 5
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STARTED_RE = re.compile(r'name="started" value="([^"]+)"')
PHRASES = [
    "the east side needs the shade first",
    "who pays for the watering after year three",
    "renters should be able to ask too",
    "the species list should favour dry-summer trees",
    "the map should be published before the vote",
]


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = {"read": [], "form": [], "post": []}
        self.errors: list[str] = []
        self.posted: list[tuple[int, str]] = []

    def record(self, kind: str, seconds: float, error: str | None = None):
        with self.lock:
            self.latencies[kind].append(seconds)
            if error:
                self.errors.append(f"{kind}: {error}")


def _request(conn, method, path, *, body=None, headers=None):
    started = time.perf_counter()
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read()
    return response, data, time.perf_counter() - started


def reader(port: int, stop: threading.Event, results: Results):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while not stop.is_set():
        path = f"/articles/load-{random.randrange(ARTICLES)}/"
        try:
            response, _, took = _request(conn, "GET", path)
            results.record("read", took, None if response.status == 200 else str(response.status))
        except (OSError, http.client.HTTPException) as error:
            results.record("read", 0.0, repr(error))
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)


def poster(n: int, port: int, stop: threading.Event, results: Results):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    sequence = 0
    while not stop.is_set():
        slug = f"load-{random.randrange(ARTICLES)}"
        try:
            response, data, took = _request(conn, "GET", f"/articles/{slug}/")
            cookies = "; ".join(
                c.split(";", 1)[0] for k, c in response.getheaders() if k.lower() == "set-cookie"
            )
            page = data.decode()
            results.record("form", took, None if response.status == 200 else str(response.status))
            sequence += 1
            body = (
                f"Poster {n}, comment {sequence}: {random.choice(PHRASES)}, and "
                f"{random.choice(PHRASES)}. Thanks for the reporting on this."
            )
            form = urlencode(
                {
                    "csrfmiddlewaretoken": CSRF_RE.search(page).group(1),
                    "started": STARTED_RE.search(page).group(1),
                    "name": f"Load Poster {n}",
                    "email": f"poster{n}@example.org",
                    "body": body,
                }
            )
            response, _, took = _request(
                conn, "POST", f"/articles/{slug}/comments/post/", body=form,
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": cookies,
                    "Referer": f"http://127.0.0.1:{port}/articles/{slug}/",
                },
            )  # fmt: skip
            location = response.getheader("Location", "")
            match = re.search(r"#comment-(\d+)$", location)
            if response.status == 302 and match:
                results.record("post", took)
                with results.lock:
                    results.posted.append((int(match.group(1)), body))
            else:
                results.record("post", took, f"{response.status} {location}")
        except (OSError, http.client.HTTPException, AttributeError) as error:
            results.record("post", 0.0, repr(error))
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _summary(name: str, values: list[float], seconds: float) -> str:
    if not values:
        return f"{name:6} no requests"
    ms = [v * 1000 for v in values]
    return (
        f"{name:6} {len(values):6d} req {len(values) / seconds:7.1f}/s  "
        f"p50 {statistics.median(ms):6.1f} ms  p95 {_percentile(ms, 0.95):6.1f} ms  "
        f"p99 {_percentile(ms, 0.99):6.1f} ms"
    )


def main() -> int:
    port = stack.free_port()
    env = stack.stack_env(
        database=DATABASE,
        redis_db=REDIS_DB,
        COMMENTS_MIN_SUBMIT_SECONDS="0",
        # The load user posts far faster than a person: raise its limits, keep the code path.
        COMMENTS_RATE_LIMITS='{"comment-post": {"ip": "1000000/m", "email": "1000000/m"}}',
    )
    stack.recreate_database(DATABASE)
    stack.flush_redis(REDIS_DB)
    os.environ.update(env)
    try:
        stack.manage(env, "migrate", "--noinput", "-v", "0")
        stack.manage(env, "collectstatic", "--noinput", "-v", "0")
        import django

        django.setup()
        from django.utils import timezone

        from articles.models import Article
        from commentapp.comments.models import Comment

        for n in range(ARTICLES):
            Article.objects.create(
                slug=f"load-{n}", title=f"Street trees, part {n}", published_at=timezone.now(),
                body="The council will plant 2,000 street trees next spring on the east side.",
            )  # fmt: skip

        results = Results()
        stop = threading.Event()
        with stack.celery_worker(env, name="load-worker"), stack.gunicorn(env, port=port):
            threads = [
                threading.Thread(target=reader, args=(port, stop, results), daemon=True)
                for _ in range(READERS)
            ] + [
                threading.Thread(target=poster, args=(n, port, stop, results), daemon=True)
                for n in range(POSTERS)
            ]
            print(
                f"load: {READERS} readers + {POSTERS} posters for {SECONDS:.0f} s "
                f"against gunicorn on 127.0.0.1:{port}",
                flush=True,
            )
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            time.sleep(SECONDS)
            stop.set()
            for thread in threads:
                thread.join(timeout=60)
            elapsed = time.perf_counter() - started

            ids = [pk for pk, _ in results.posted]
            deadline = time.monotonic() + 300
            while Comment.objects.filter(pk__in=ids, status=Comment.Status.PENDING).exists():
                if time.monotonic() > deadline:
                    break
                time.sleep(0.5)
            drained = time.perf_counter() - started - elapsed

        stored = dict(Comment.objects.filter(pk__in=ids).values_list("pk", "body"))
        lost = [pk for pk, body in results.posted if stored.get(pk) != body]
        pending = Comment.objects.filter(pk__in=ids, status=Comment.Status.PENDING).count()
        everything = [v for values in results.latencies.values() for v in values]
        print(_summary("all", everything, elapsed))
        for kind, values in results.latencies.items():
            print(_summary(kind, values, elapsed))
        print(
            f"errors {len(results.errors)}  comments posted {len(ids)}  lost {len(lost)}  "
            f"unclassified {pending}  (worker drained {drained:.1f} s after the run)"
        )
        for error in results.errors[:10]:
            print("  error:", error)
        from django.db import connections

        connections.close_all()
        return 1 if results.errors or lost or pending else 0
    finally:
        stack.drop_database(DATABASE)
        stack.flush_redis(REDIS_DB)


if __name__ == "__main__":
    sys.exit(main())
