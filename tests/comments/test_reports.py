"""Readers reporting a comment: the link, the form page, one report each, the hold threshold."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from commentapp.comments.models import AuditEvent, Comment, Report
from tests.factories import CommentFactory, UserFactory

pytestmark = pytest.mark.django_db


def report(client, comment, reason="abuse", capture=None, **extra):
    url = reverse("comments:report", args=[comment.pk])
    if capture is None:
        return client.post(url, {"reason": reason, **extra}, follow=True)
    with capture(execute=True):
        return client.post(url, {"reason": reason, **extra}, follow=True)


def test_each_published_comment_has_a_report_link_to_a_form(article):
    comment = CommentFactory(article=article)
    page = Client().get(article.get_absolute_url()).content.decode()
    url = reverse("comments:report", args=[comment.pk])
    assert f'href="{url}"' in page
    form = Client().get(url)
    assert form.status_code == 200
    text = form.content.decode()
    assert "Abusive or hateful" in text and "Spam or advertising" in text
    assert comment.body in text


def test_report_is_stored_once_per_reader_with_a_clear_message(article):
    comment = CommentFactory(article=article)
    reader = Client()
    response = report(reader, comment, note="Insults another reader")
    assert "A moderator will review this comment." in response.content.decode()
    again = report(reader, comment, reason="spam")
    assert "You have already reported this comment." in again.content.decode()
    stored = Report.objects.get()
    assert stored.reporter_key.startswith("ip:") and stored.note == "Insults another reader"
    assert "127.0.0.1" not in stored.reporter_key  # a reader's address is not kept in clear
    comment.refresh_from_db()
    assert comment.report_count == 1


def test_signed_in_reader_is_keyed_by_account(article):
    comment = CommentFactory(article=article)
    user = UserFactory(username="reporter")
    first, second = Client(), Client()
    first.force_login(user)
    second.force_login(user)  # another browser, same account: still one report
    report(first, comment)
    report(second, comment)
    assert list(Report.objects.values_list("reporter_key", flat=True)) == [f"user:{user.pk}"]


@override_settings(COMMENTS_REPORTS_TO_HOLD=3)
def test_clearing_cookies_does_not_make_a_new_reader(article):
    comment = CommentFactory(article=article)
    responses = [report(Client(REMOTE_ADDR="203.0.113.7"), comment) for _ in range(3)]
    assert "You have already reported this comment." in responses[-1].content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED and comment.report_count == 1


@override_settings(COMMENTS_REPORTS_TO_HOLD=3)
def test_one_ipv6_network_counts_as_one_reader(article):
    comment = CommentFactory(article=article)
    for host in ("1", "2", "ffff:1"):
        report(Client(REMOTE_ADDR=f"2001:db8:0:7::{host}"), comment)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED and comment.report_count == 1


@override_settings(COMMENTS_REPORTS_TO_HOLD=3)
def test_signed_in_reader_and_anonymous_neighbour_count_separately(article):
    comment = CommentFactory(article=article)
    signed_in = Client(REMOTE_ADDR="203.0.113.7")
    signed_in.force_login(UserFactory(username="reporter"))
    report(signed_in, comment)
    report(Client(REMOTE_ADDR="203.0.113.7"), comment)
    comment.refresh_from_db()
    assert comment.report_count == 2


@override_settings(COMMENTS_REPORTS_TO_HOLD=3)
def test_third_reader_report_holds_the_comment(article, django_capture_on_commit_callbacks):
    comment = CommentFactory(article=article)
    for n in range(2):
        reader = Client(REMOTE_ADDR=f"203.0.113.{n + 1}")
        report(reader, comment, capture=django_capture_on_commit_callbacks)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    reader = Client(REMOTE_ADDR="198.51.100.9")
    report(reader, comment, capture=django_capture_on_commit_callbacks)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.HELD and comment.report_count == 3
    assert (
        f'id="comment-{comment.pk}"'
        not in Client().get(article.get_absolute_url()).content.decode()
    )
    event = AuditEvent.objects.get(comment=comment)
    assert event.actor_kind == AuditEvent.ActorKind.SYSTEM
    assert event.action == "held by reader reports" and "3 readers" in event.reason


def test_invalid_reason_is_a_form_error_not_a_500(article):
    comment = CommentFactory(article=article)
    response = Client().post(reverse("comments:report", args=[comment.pk]), {"reason": "nope"})
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    assert not Report.objects.exists()


@pytest.mark.parametrize("status", [Comment.Status.HELD, Comment.Status.REMOVED])
def test_hidden_comments_cannot_be_reported(article, status):
    comment = CommentFactory(article=article, status=status)
    assert Client().get(reverse("comments:report", args=[comment.pk])).status_code == 404
    assert Client().get("/comments/999999/report/").status_code == 404
