"""With the Celery broker down, every page that queues a job still gives its normal answer.

transactional_db: the on-commit callbacks (where jobs are queued) then run inside the request,
as in production, so a failure to queue would surface as the response the user gets.
"""

import logging

import pytest
from django.test import Client
from django.urls import reverse
from kombu.exceptions import OperationalError

from commentapp.comments import tasks as comment_tasks
from commentapp.comments.models import Comment, TrainingExample
from commentapp.newsletter import tasks as newsletter_tasks
from commentapp.newsletter.models import Mailing, Subscriber
from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def broker_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    def down(task):
        monkeypatch.setattr(task, "apply_async", refuse)

    return down


@pytest.fixture
def superuser_client():
    client = Client()
    client.force_login(UserFactory(username="boss", is_staff=True, is_superuser=True))
    return client


def test_newsletter_signup_answers_normally(client, broker_down, caplog):
    broker_down(newsletter_tasks.send_confirmation_task)
    with caplog.at_level(logging.ERROR):
        response = client.post("/newsletter/", {"newsletter-email": "reader@example.org"})
    assert response.status_code == 200
    assert b"Check your inbox" in response.content
    assert Subscriber.objects.filter(email="reader@example.org").exists()
    assert any(r.levelno == logging.ERROR and r.exc_info for r in caplog.records)


def test_sending_an_article_from_the_admin_answers_normally(superuser_client, broker_down):
    broker_down(newsletter_tasks.dispatch_mailing_task)
    article = ArticleFactory()
    response = superuser_client.post(
        "/admin/articles/article/",
        {"action": "send_to_subscribers", "_selected_action": [article.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert Mailing.objects.filter(article=article).exists()


def test_your_data_request_answers_normally(client, broker_down):
    broker_down(comment_tasks.send_data_link_task)
    CommentFactory(email="ana@example.org")
    response = client.post("/your-data/", {"email": "ana@example.org"})
    assert response.status_code == 200
    assert b"Check your inbox" in response.content


def test_spam_decision_is_saved_and_answers_normally(superuser_client, broker_down):
    broker_down(comment_tasks.retrain_spam_model_task)
    comment = CommentFactory(status=Comment.Status.APPROVED, body="Buy pills now")
    response = superuser_client.post(
        reverse("admin:comments_comment_moderate", args=[comment.pk]),
        {"decision": "spam"},
        follow=True,
    )
    assert response.status_code == 200
    comment.refresh_from_db()
    assert comment.status == Comment.Status.SPAM
    assert TrainingExample.objects.filter(comment=comment, is_spam=True).exists()
