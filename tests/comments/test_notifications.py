"""Reply notifications and author alerts, as the people receiving them see them."""

import re

import pytest
from django.core import mail

from commentapp.comments.forms import CommentForm
from commentapp.comments.models import Comment
from commentapp.comments.services import comment_change_status
from tests.factories import AuthorProfileFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def approve(django_capture_on_commit_callbacks):
    """Approve a comment the way the filter or a moderator does, running the after-commit hooks."""

    def _approve(comment, status=Comment.Status.APPROVED):
        with django_capture_on_commit_callbacks(execute=True):
            comment_change_status(comment=comment, status=status)
        return comment

    return _approve


@pytest.fixture
def parent(article):
    return CommentFactory(article=article, name="Ada", email="ada@example.net", notify_replies=True)


def _unsubscribe_link(message) -> str:
    match = re.search(r"http://[^\s]+/notifications/unsubscribe/[^\s]+/", message.body)
    assert match, message.body
    return match.group(0).removeprefix("http://127.0.0.1:8000")


def test_reply_email_is_sent_only_when_the_reply_is_approved(article, parent, approve):
    reply = CommentFactory(
        article=article,
        parent=parent,
        name="Bo",
        body="Good point about the east side.",
        status=Comment.Status.PENDING,
    )
    assert mail.outbox == []  # pending: nobody is told yet

    approve(reply, Comment.Status.HELD)
    assert mail.outbox == []  # held for a moderator: still nothing

    approve(reply)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ada@example.net"]
    assert "Bo replied" in message.subject
    assert "Good point about the east side." in message.body
    assert f"/comments/{reply.pk}/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")


def test_no_email_without_opt_in_or_for_own_reply(article, approve):
    quiet = CommentFactory(article=article, notify_replies=False)
    approve(CommentFactory(article=article, parent=quiet, status=Comment.Status.PENDING))
    asked = CommentFactory(article=article, email="me@example.net", notify_replies=True)
    approve(
        CommentFactory(
            article=article, parent=asked, email="ME@example.net", status=Comment.Status.PENDING
        )
    )
    assert mail.outbox == []


def test_email_task_is_queued_only_when_someone_asked(article, parent, approve, monkeypatch):
    queued = []
    monkeypatch.setattr(
        "commentapp.comments.services.notifications.enqueue_safely",
        lambda task, comment_id, **kwargs: queued.append(comment_id),
    )
    # The article's author did not ask for alerts, and nobody asked about these replies.
    approve(CommentFactory(article=article, status=Comment.Status.PENDING))
    quiet = CommentFactory(article=article, notify_replies=False)
    approve(CommentFactory(article=article, parent=quiet, status=Comment.Status.PENDING))
    assert queued == []

    reply = CommentFactory(article=article, parent=parent, status=Comment.Status.PENDING)
    approve(reply)
    assert queued == [reply.pk]

    alerted = AuthorProfileFactory(notify_new_comments=True)
    top = CommentFactory(article__authors=[alerted.user], status=Comment.Status.PENDING)
    approve(top)
    assert queued == [reply.pk, top.pk]


def test_reapproval_does_not_email_twice(article, parent, approve):
    reply = CommentFactory(article=article, parent=parent, status=Comment.Status.PENDING)
    approve(reply)
    approve(reply, Comment.Status.HELD)
    approve(reply)
    assert len(mail.outbox) == 1


def test_unsubscribe_link_confirms_on_get_and_applies_on_post(client, article, parent, approve):
    approve(CommentFactory(article=article, parent=parent, status=Comment.Status.PENDING))
    link = _unsubscribe_link(mail.outbox[0])

    page = client.get(link)  # a link scanner prefetching the URL changes nothing
    assert page.status_code == 200
    assert b"Yes, unsubscribe me" in page.content
    parent.refresh_from_db()
    assert parent.notify_replies is True

    done = client.post(link)
    assert b"You are unsubscribed" in done.content
    parent.refresh_from_db()
    assert parent.notify_replies is False

    mail.outbox.clear()
    approve(CommentFactory(article=article, parent=parent, status=Comment.Status.PENDING))
    assert mail.outbox == []


def test_rfc8058_one_click_post_unsubscribes(client, article, parent, approve):
    approve(CommentFactory(article=article, parent=parent, status=Comment.Status.PENDING))
    link = _unsubscribe_link(mail.outbox[0])
    response = client.post(link, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    parent.refresh_from_db()
    assert parent.notify_replies is False


def test_forged_unsubscribe_link_is_refused(client):
    response = client.get("/notifications/unsubscribe/not-a-real-token/")
    assert response.status_code == 400
    assert b"does not work" in response.content


def test_author_is_emailed_about_new_comments_when_they_ask(approve):
    profile = AuthorProfileFactory(notify_new_comments=True, user__email="writer@example.com")
    quiet = AuthorProfileFactory(notify_new_comments=False)
    comment = CommentFactory(
        article__authors=[profile.user, quiet.user], status=Comment.Status.PENDING
    )
    approve(comment)
    assert [m.to for m in mail.outbox] == [["writer@example.com"]]
    assert "New comment" in mail.outbox[0].subject


def test_author_is_not_emailed_about_own_comment_and_can_unsubscribe(client, approve):
    profile = AuthorProfileFactory(notify_new_comments=True)
    comment = CommentFactory(
        article__authors=[profile.user], user=profile.user, status=Comment.Status.PENDING
    )
    approve(comment)
    assert mail.outbox == []

    approve(CommentFactory(article=comment.article, status=Comment.Status.PENDING))
    client.post(_unsubscribe_link(mail.outbox[0]))
    profile.refresh_from_db()
    assert profile.notify_new_comments is False


def test_author_who_is_also_the_parent_gets_one_email(approve):
    profile = AuthorProfileFactory(notify_new_comments=True)
    user = profile.user
    parent = CommentFactory(
        article__authors=[user], user=user, email=user.email, notify_replies=True
    )
    approve(CommentFactory(article=parent.article, parent=parent, status=Comment.Status.PENDING))
    assert len(mail.outbox) == 1
    assert "replied to your comment" in mail.outbox[0].subject


def test_opt_in_box_on_the_form_leads_to_an_email(client, article, approve):
    user = UserFactory(email="reader@example.org")
    client.force_login(user)
    response = client.post(
        f"/articles/{article.slug}/comments/post/",
        {
            "body": "Where will the new trees go?",
            "notify_replies": "on",
            "started": CommentForm(article=article).initial["started"],
        },
    )
    assert response.status_code == 302
    mine = Comment.objects.get(user=user)
    assert mine.notify_replies is True
    mine.status = Comment.Status.APPROVED
    mine.save()
    approve(CommentFactory(article=article, parent=mine, status=Comment.Status.PENDING))
    assert mail.outbox[0].to == ["reader@example.org"]
