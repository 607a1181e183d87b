"""Moderator actions through the admin, bulk and per comment, as readers then see them."""

import pytest
from django.test import Client
from django.urls import reverse

from commentapp.comments.models import AuditEvent, Ban, Comment, TrainingExample
from commentapp.comments.services import moderation
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:comments_comment_changelist")
S = Comment.Status


@pytest.fixture
def retrains(monkeypatch):
    """Count retrain jobs instead of training a model in the test."""
    calls = []
    monkeypatch.setattr(moderation, "_enqueue_retrain", lambda: calls.append(1))
    return calls


def bulk(client, action, comments, capture):
    # Actions apply to the rows of the list being looked at: post to the list showing them all.
    with capture(execute=True):
        return client.post(
            QUEUE + "?queue=all",
            {"action": action, "_selected_action": [c.pk for c in comments]},
            follow=True,
        )


def page_of(article) -> str:
    return Client().get(article.get_absolute_url()).content.decode()


def test_bulk_approve_publishes_comments_on_the_article_page(
    moderator_client, article, django_capture_on_commit_callbacks
):
    held = CommentFactory.create_batch(
        3, article=article, status=S.HELD, body="Held words about drains."
    )
    assert f'id="comment-{held[0].pk}"' not in page_of(article)

    response = bulk(moderator_client, "approve_selected", held, django_capture_on_commit_callbacks)
    assert "3 comments approved" in response.content.decode()
    page = page_of(article)
    assert all(f'id="comment-{c.pk}"' in page for c in held)
    events = AuditEvent.objects.filter(comment__in=held, action="approved")
    assert events.count() == 3
    assert {e.actor_kind for e in events} == {AuditEvent.ActorKind.MODERATOR}


def test_per_comment_reject_button_removes_it_from_the_page(
    moderator_client, moderator, article, django_capture_on_commit_callbacks
):
    comment = CommentFactory(article=article, report_count=3, status=S.HELD)
    approve_url = reverse("admin:comments_comment_moderate", args=[comment.pk])
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(approve_url, {"decision": "approve"})
    assert f'id="comment-{comment.pk}"' in page_of(article)

    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(
            approve_url, {"decision": "reject", "reason": "Personal attack"}, follow=True
        )
    assert response.status_code == 200
    assert f'id="comment-{comment.pk}"' not in page_of(article)
    comment.refresh_from_db()
    assert comment.status == S.REMOVED and comment.report_count == 0
    event = AuditEvent.objects.filter(comment=comment).first()
    assert (event.action, event.actor, event.reason) == ("rejected", moderator, "Personal attack")
    assert (event.status_before, event.status_after) == (S.APPROVED, S.REMOVED)


def test_queue_row_buttons_post_to_the_per_comment_view(moderator_client, article):
    comment = CommentFactory(article=article, status=S.HELD)
    page = moderator_client.get(QUEUE).content.decode()
    url = reverse("admin:comments_comment_moderate", args=[comment.pk])
    assert f'formaction="{url}" name="decision" value="spam"' in page
    assert moderator_client.get(url).status_code == 405


def test_mark_spam_and_not_spam_store_training_examples_and_retrain_once_per_batch(
    moderator_client, moderator, article, retrains, django_capture_on_commit_callbacks
):
    spam = CommentFactory.create_batch(2, article=article, status=S.APPROVED, body="Buy pills")
    ham = CommentFactory(article=article, status=S.SPAM, body="Lovely trees on my street.")

    bulk(moderator_client, "spam_selected", spam, django_capture_on_commit_callbacks)
    assert retrains == [1]  # one job for the batch
    page = page_of(article)
    assert all(f'id="comment-{c.pk}"' not in page for c in spam)

    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(
            reverse("admin:comments_comment_moderate", args=[ham.pk]), {"decision": "not_spam"}
        )
    assert retrains == [1, 1]
    assert f'id="comment-{ham.pk}"' in page_of(article)
    examples = {e.comment_id: e for e in TrainingExample.objects.all()}
    assert {pk for pk, e in examples.items() if e.is_spam} == {c.pk for c in spam}
    assert examples[ham.pk].is_spam is False and examples[ham.pk].text == ham.body
    assert examples[ham.pk].created_by == moderator


def test_ban_action_refuses_new_comments_and_can_remove_earlier_ones(
    moderator_client, article, post_comment, django_capture_on_commit_callbacks
):
    earlier = CommentFactory(article=article, email="troll@example.org", ip_address="192.0.2.5")
    selected = CommentFactory(
        article=article, status=S.HELD, email="Troll@Example.org", ip_address="192.0.2.5"
    )
    response = moderator_client.post(
        QUEUE, {"action": "ban_commenters", "_selected_action": [selected.pk]}
    )
    ban_url = response["Location"]
    form = moderator_client.get(ban_url).content.decode()
    assert "troll@example.org" in form.lower() and "Also remove" in form

    with django_capture_on_commit_callbacks(execute=True):
        done = moderator_client.post(
            ban_url,
            {
                "ids": str(selected.pk),
                "kinds": ["email", "ip"],
                "reason": "Repeated abuse",
                "days": "30",
                "remove_earlier_comments": "on",
            },
            follow=True,
        )
    assert "2 earlier comment(s) removed" in done.content.decode()
    assert {(b.kind, b.value) for b in Ban.objects.all()} == {
        ("email", "troll@example.org"),
        ("ip", "192.0.2.5"),
    }
    assert all(b.expires_at is not None for b in Ban.objects.all())
    assert f'id="comment-{earlier.pk}"' not in page_of(article)
    assert AuditEvent.objects.filter(action="banned").count() == 2

    reader = Client()
    response = post_comment(reader, article, email="troll@example.org", name="New Name")
    assert response.status_code == 400
    assert "Your comment could not be posted." in response.content.decode()
    assert not Comment.objects.filter(name="New Name").exists()


def test_ban_form_rejects_nonsense_without_an_error_page(moderator_client, article):
    comment = CommentFactory(article=article, status=S.HELD)
    url = reverse("admin:comments_comment_ban")
    response = moderator_client.post(url, {"ids": str(comment.pk), "kinds": ["bogus"]})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert moderator_client.get(url + "?ids=abc", follow=True).status_code == 200
    assert not Ban.objects.exists()


def test_close_and_reopen_comments_on_an_article(
    moderator_client, article, post_comment, django_capture_on_commit_callbacks
):
    comment = CommentFactory(article=article, status=S.HELD)
    bulk(moderator_client, "close_articles", [comment], django_capture_on_commit_callbacks)
    article.refresh_from_db()
    assert article.comments_open is False
    assert "Comments are closed" in page_of(article)
    response = post_comment(Client(), article)
    assert response.status_code == 400 and "Comments are closed" in response.content.decode()
    assert AuditEvent.objects.filter(action="comments closed", article=article).exists()

    moderator_client.post(
        reverse("admin:comments_comment_moderate", args=[comment.pk]),
        {"decision": "reopen_article"},
    )
    article.refresh_from_db()
    assert article.comments_open is True
    assert "Join the conversation" in page_of(article)
    assert AuditEvent.objects.filter(action="comments reopened", article=article).exists()


def test_audit_log_is_read_only_even_for_a_superuser(admin_client, admin_user, article):
    comment = CommentFactory(article=article, status=S.HELD)
    moderation.comments_moderate(comment_ids=[comment.pk], decision="approve", actor=admin_user)
    event = AuditEvent.objects.get()
    changelist = admin_client.get(reverse("admin:comments_auditevent_changelist"))
    assert changelist.status_code == 200 and "approved" in changelist.content.decode()
    assert admin_client.get(reverse("admin:comments_auditevent_add")).status_code == 403
    assert (
        admin_client.post(
            reverse("admin:comments_auditevent_change", args=[event.pk]), {"reason": "edited"}
        ).status_code
        == 403
    )
    assert (
        admin_client.post(
            reverse("admin:comments_auditevent_delete", args=[event.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    event.reason = "rewritten"
    with pytest.raises(ValueError, match="immutable"):
        event.save()
    assert AuditEvent.objects.get().reason == ""
