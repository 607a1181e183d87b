"""How many SQL queries the moderation queue (the comment changelist) runs at 10,000 comments.

Builds a throwaway in-memory SQLite database (test settings), bulk-creates N comments spread
over a few articles (a third of them held, some reported, all with filter reasons), signs in a
moderator from the "Moderators" group and loads the queue pages a moderator uses.

    .venv/bin/python benchmarks/admin_queue_bench.py [N]
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commentapp.settings.test")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from articles.models import Article  # noqa: E402
from commentapp.comments.models import Comment  # noqa: E402

STATUSES = ["held", "approved", "pending", "spam", "approved", "held"]
REASONS = [
    {"phase": "links", "score": 1.2, "message": "Contains 2 links"},
    {"phase": "history", "score": 0.3, "message": "First-time commenter"},
]


def build(total: int):
    call_command("migrate", verbosity=0)
    user_model = get_user_model()
    moderator = user_model.objects.create_user("moderator", "m@example.com", "x", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    articles = [
        Article.objects.create(slug=f"a{n}", title=f"Article {n}", body="Trees.") for n in range(20)
    ]
    now = timezone.now()
    Comment.objects.bulk_create(
        [
            Comment(
                article=articles[n % len(articles)],
                name=f"Reader {n}",
                email=f"reader{n}@example.net",
                body=f"Comment number {n} about the street trees and the drains.",
                body_html=f"<p>Comment number {n}</p>",
                status=STATUSES[n % len(STATUSES)],
                spam_score=(n % 100) / 100,
                spam_reasons=REASONS,
                report_count=1 if n % 17 == 0 else 0,
                ip_address=f"10.0.{n // 250 % 250}.{n % 250}",
                submitted_at=now,
            )
            for n in range(total)
        ],
        batch_size=2000,
    )
    client = Client()
    client.force_login(moderator)
    return client


def main():
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    setup_test_environment()
    client = build(total)
    print(f"comments: {Comment.objects.count():,}")
    client.get("/admin/comments/comment/")  # warm up (session, permission caches)
    for label, url in [
        ("queue (default: needs a decision)", "/admin/comments/comment/"),
        ("all comments", "/admin/comments/comment/?queue=all"),
        ("search 'drains'", "/admin/comments/comment/?queue=all&q=drains"),
        ("reason filter", "/admin/comments/comment/?reason=links"),
        ("admin index (dashboard)", "/admin/"),
    ]:
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - started
        assert response.status_code == 200, response.status_code
        print(f"{label:36} {len(queries):3d} queries  {elapsed * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
