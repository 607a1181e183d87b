"""A comment's trip through the real parts: web post -> PostgreSQL -> Redis -> celery worker."""

import pytest
from django.urls import reverse

from commentapp.comments.models import AuditEvent, Comment
from commentapp.comments.services import comment_create
from tests.factories import ArticleFactory, CommentFactory

from .processes import wait_for

pytestmark = pytest.mark.integration

ARTICLE_BODY = (
    "The council will plant 2,000 street trees next spring, most of them on the east side, "
    "where summer temperatures run three degrees above the city average. Residents can ask for "
    "a tree outside their home; the city waters it for three years."
)
GARBLED_PROMO = (
    "Looking for the best crypto trading signals? Join our premium group today, guaranteed "
    "profits every week, thousands of happy members, limited places left, click now "
    ",1CV4J,76AWWL,4LL18,1"
)
ORIGINAL = (
    "I live on the east side and the heat in July is brutal. Two thousand trees sounds like a "
    "lot, but I'd like to know who decides which streets get them first and whether renters "
    "can ask too, not only owners."
)
COPYCAT = (
    "I live on the east side and the heat in August is brutal. Two thousand trees sounds like a "
    "lot, but I would like to know who decides which streets get them first and whether "
    "renters can ask too, not only owners."
)
REPLY = (
    "Renters can ask as well, I did last year for our block. The form on the council site only "
    "needs the address and a phone number; they came to check the pavement a month later."
)


def classified(comment: Comment) -> Comment | None:
    comment.refresh_from_db()
    return comment if comment.status != Comment.Status.PENDING else None


def wait_classified(comment: Comment, timeout: float = 30) -> Comment:
    return wait_for(
        lambda: classified(comment),
        timeout=timeout,
        message=f"comment {comment.pk} was not classified by the worker",
    )


def test_posted_comment_is_pending_then_classified_by_the_worker(client, start_worker):
    article = ArticleFactory(body=ARTICLE_BODY)
    page = client.get(article.get_absolute_url())
    started = page.context["form"]["started"].value()

    response = client.post(
        reverse("comments:post", args=[article.slug]),
        {"name": "Ines Park", "email": "ines@example.org", "body": REPLY, "started": started},
    )

    assert response.status_code == 302
    comment = Comment.objects.get(article=article)
    assert comment.status == Comment.Status.PENDING  # saved before any worker exists

    start_worker()
    comment = wait_classified(comment)
    assert comment.status == Comment.Status.APPROVED
    assert comment.spam_model_version
    assert AuditEvent.objects.filter(comment=comment, action="classified").count() == 1


def test_worker_verdicts_on_promo_copycat_and_reply(celery_worker):
    article = ArticleFactory(body=ARTICLE_BODY)
    original = CommentFactory(article=article, name="Tom Reyes", body=ORIGINAL)

    promo = comment_create(
        article=article, name="Best Signals", email="signals@promo.example", body=GARBLED_PROMO
    )
    copycat = comment_create(
        article=article, name="Sam Cole", email="sam.cole@example.net", body=COPYCAT
    )
    reply = comment_create(
        article=article, name="Ines Park", email="ines@example.org", body=REPLY, parent=original
    )

    assert wait_classified(promo).status == Comment.Status.SPAM
    assert wait_classified(copycat).status != Comment.Status.APPROVED
    assert wait_classified(reply).status == Comment.Status.APPROVED
    assert "near_duplicate" in {r["phase"] for r in copycat.spam_reasons}  # the moderator's why
