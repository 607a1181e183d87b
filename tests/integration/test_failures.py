"""Nothing is lost when the worker dies mid-task or the broker goes away."""

import logging

import pytest
from django.urls import reverse

from commentapp.comments.models import AuditEvent, Comment
from commentapp.comments.services import comment_create
from tests.factories import ArticleFactory

from .conftest import broker
from .processes import PrivateRedis, wait_for

pytestmark = pytest.mark.integration

BODY = (
    "Planting on the east side first makes sense, it is where the heat islands are. "
    "I hope they pick species that cope with dry summers. ({n})"
)


def test_comment_survives_a_worker_killed_mid_task(start_worker, tmp_path):
    marker = tmp_path / "classify-started"
    article = ArticleFactory()
    hooks = {"TEST_CLASSIFY_DELAY": "120", "TEST_CLASSIFY_MARKER": str(marker)}
    first = start_worker(env=hooks, include=("tests.integration.worker_hooks",))

    comment = comment_create(
        article=article, name="Ines Park", email="ines@example.org", body=BODY.format(n=1)
    )
    wait_for(marker.exists, timeout=30, message="the worker never started the classify task")
    first.kill()  # SIGKILL while the task sleeps: the message was never acknowledged
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING

    start_worker(env=hooks, include=("tests.integration.worker_hooks",))
    wait_for(
        lambda: Comment.objects.get(pk=comment.pk).status != Comment.Status.PENDING,
        timeout=60,
        message="the killed worker's task was never redelivered",
    )
    assert AuditEvent.objects.filter(comment=comment, action="classified").count() == 1


def _post(client, article, n: int):
    page = client.get(article.get_absolute_url())
    return client.post(
        reverse("comments:post", args=[article.slug]),
        {
            "name": f"Reader {n}",
            "email": f"reader{n}@example.org",
            "body": BODY.format(n=n),
            "started": page.context["form"]["started"].value(),
        },
    )


@pytest.fixture
def private_redis():
    if not PrivateRedis.available():
        pytest.skip("redis-server is not installed")
    redis = PrivateRedis().start()
    yield redis
    redis.stop()


def test_nothing_lost_while_the_broker_is_down(
    client, start_worker, private_redis, caplog, settings
):
    settings.RATELIMIT_ENABLE = False  # one test client posts 100 comments
    article = ArticleFactory()
    sweeper = {
        "INTEGRATION_REDIS_URL": private_redis.url,
        "COMMENTS_PENDING_REQUEUE_AFTER_SECONDS": "3",
        "COMMENTS_REQUEUE_SWEEP_SECONDS": "2",
    }
    start_worker(env=sweeper, beat=True)

    with broker(private_redis.url):
        for n in range(50):
            assert _post(client, article, n).status_code == 302
        private_redis.stop()  # whatever was still queued is gone with it (no persistence)

        with caplog.at_level(logging.WARNING, logger="commentapp.tasks_util"):
            for n in range(50, 100):
                response = _post(client, article, n)
                assert response.status_code == 302  # the reader's post still succeeds
        assert Comment.objects.filter(article=article).count() == 100
        assert "Could not queue comments.classify_comment" in caplog.text

        private_redis.start()  # same port, empty: only the sweeper knows about the backlog
        wait_for(
            lambda: not Comment.objects.filter(status=Comment.Status.PENDING).exists(),
            timeout=90,
            message="comments posted while Redis was down were never classified",
        )

    comments = Comment.objects.filter(article=article)
    assert comments.count() == 100
    assert sorted(c.body for c in comments) == sorted(BODY.format(n=n) for n in range(100))
    for comment in comments:
        assert AuditEvent.objects.filter(comment=comment, action="classified").count() == 1


def test_the_sweeper_does_not_requeue_comments_still_waiting_in_a_backlog(db, settings):
    import datetime as dt

    import redis
    from django.utils import timezone

    from commentapp.comments.tasks import classify_comment_task, requeue_stale_pending
    from commentapp.tasks_util import waiting_messages
    from tests.factories import CommentFactory

    article = ArticleFactory()
    pending = CommentFactory.create_batch(5, article=article, status=Comment.Status.PENDING)
    for comment in pending:  # queued; no worker is running, so they wait in Redis
        classify_comment_task.apply_async(args=[comment.pk])
    Comment.objects.filter(pk__in=[c.pk for c in pending]).update(
        updated_at=timezone.now() - dt.timedelta(minutes=10)
    )
    assert waiting_messages() == 5

    assert requeue_stale_pending() == 0  # a backlog they are in: nothing queued twice
    assert waiting_messages() == 5

    redis.Redis.from_url(settings.INTEGRATION_REDIS_URL).flushdb()  # the queue is lost
    assert requeue_stale_pending() == 5
    assert waiting_messages() == 5
