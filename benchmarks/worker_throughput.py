"""Worker throughput: comments classified per second through Redis and ONE worker process.

Creates its own PostgreSQL database (commentapp_bench) and uses Redis db 11, stores N pending
comments spread over a few articles, starts one `celery worker` (prefork; concurrency 1, then
the machine's core count), enqueues the N classify tasks and times until none is pending.
Prints one line of figures per run; with --json, one JSON object per run. `make bench-spam`
runs it after the engine benchmark.

    python benchmarks/worker_throughput.py [--count 1000] [--repeat 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import stack

DATABASE = "commentapp_bench"
REDIS_DB = 11
SENTENCES = [
    "The council should publish the planting map before the consultation closes.",
    "On our street the pavement is too narrow for a tree pit, what happens then?",
    "I'd like to know the watering budget after the first three years.",
    "Good to see the east side first; it is always hotter there in July.",
    "Will the species list include anything that copes with dry summers?",
    "Check out my channel for amazing deals, subscribe now and win a free phone!!!",
    "Renters should be able to ask for a tree too, not only owners.",
    "The figures in the second paragraph don't match the council's own report.",
]


def _bodies(count: int) -> list[str]:
    # Varied text so the near-duplicate phase does real work, like on a busy article.
    return [
        f"{SENTENCES[i % len(SENTENCES)]} {SENTENCES[(i * 7 + 3) % len(SENTENCES)]} (#{i})"
        for i in range(count)
    ]


def measure(
    count: int = 1000, articles: int = 10, concurrency: int = 1, pool: str = "prefork"
) -> dict:
    env = stack.stack_env(database=DATABASE, redis_db=REDIS_DB)
    stack.recreate_database(DATABASE)
    stack.flush_redis(REDIS_DB)
    os.environ.update(env)
    try:
        stack.manage(env, "migrate", "--noinput", "-v", "0")
        import django

        django.setup()
        from django.utils import timezone

        from articles.models import Article
        from commentapp.comments.models import Comment
        from commentapp.comments.tasks import classify_comment_task

        now = timezone.now()
        pages = [
            Article.objects.create(
                slug=f"bench-{n}",
                title=f"Street trees, part {n}",
                published_at=now,
                body="The council will plant 2,000 street trees next spring on the east side.",
            )
            for n in range(articles)
        ]
        comments = Comment.objects.bulk_create(
            Comment(
                article=pages[i % articles],
                name=f"Reader {i}",
                email=f"r{i}@example.org",
                body=body,
                body_html=f"<p>{body}</p>",
                submitted_at=now,
            )
            for i, body in enumerate(_bodies(count))
        )
        ids = [c.pk for c in comments]
        # A live comments table has planner statistics; this one was filled by one INSERT a
        # moment ago and has none until autovacuum happens to get to it (within a minute or
        # so, often mid-run). Without them PostgreSQL plans the worker's compare-and-set
        # UPDATE through the status index (visiting every pending row) and the commenter's
        # history count through user_id IS NULL (every anonymous row), so a run measured
        # those plans, or not, by chance. Analyze first: every run gets a live table's plans.
        with django.db.connection.cursor() as cursor:
            cursor.execute("ANALYZE comments_comment, articles_article")
        with stack.celery_worker(env, name="bench-worker", concurrency=concurrency, pool=pool):
            started = time.perf_counter()
            for comment_id in ids:
                classify_comment_task.apply_async(args=[comment_id])
            enqueued = time.perf_counter() - started
            deadline = time.monotonic() + 600
            while Comment.objects.filter(status=Comment.Status.PENDING).exists():
                if time.monotonic() > deadline:
                    raise SystemExit("worker did not drain the queue in 10 minutes")
                time.sleep(0.05)
            elapsed = time.perf_counter() - started
        labels = dict(
            Comment.objects.values_list("status").annotate(n=django.db.models.Count("pk"))
        )
        from django.db import connections

        connections.close_all()
        return {
            "comments": count,
            "seconds": round(elapsed, 2),
            "comments_per_second": round(count / elapsed, 1),
            "enqueue_seconds": round(enqueued, 2),
            "labels": labels,
        }
    finally:
        stack.drop_database(DATABASE)
        stack.flush_redis(REDIS_DB)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--count", type=int, default=int(os.environ.get("WORKER_BENCH_COUNT", 1000))
    )
    parser.add_argument(
        "--concurrency",
        type=int,
        action="append",
        help="pool processes of the one worker (repeatable); default: 1 and the core count",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs per concurrency; the median is reported (one run varies by ~15%% here)",
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    for concurrency in args.concurrency or sorted({1, os.cpu_count() or 1}):
        runs = [measure(args.count, concurrency=concurrency) for _ in range(args.repeat)]
        rates = sorted(r["comments_per_second"] for r in runs)
        result = {
            **sorted(runs, key=lambda r: r["comments_per_second"])[len(runs) // 2],
            "concurrency": concurrency,
            "runs_comments_per_second": rates,
        }
        if args.json:
            print(json.dumps(result))
            continue
        print(
            f"worker throughput: {result['comments']} comments through Redis and one worker "
            f"(prefork, concurrency {concurrency}): median of {len(runs)} runs "
            f"{result['comments_per_second']} comments/s (runs {', '.join(map(str, rates))}; "
            f"enqueueing took {result['enqueue_seconds']} s; verdicts {result['labels']})"
        )


if __name__ == "__main__":
    main()
