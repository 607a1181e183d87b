"""Editing and deleting your own comment, through the pages a reader uses."""

from datetime import timedelta

import pytest
from django.utils import timezone

from commentapp.comments.forms import CommentForm
from commentapp.comments.models import AuditEvent, Comment
from commentapp.comments.services import comment_change_status
from tests.factories import CommentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(monkeypatch):
    """Comment ids sent back to the spam filter (the filter itself is not under test here)."""
    ids = []
    monkeypatch.setattr("commentapp.comments.services.editing.enqueue_classification", ids.append)
    return ids


def _post(client, article, body="The east side needs shade more than anywhere."):
    response = client.post(
        f"/articles/{article.slug}/comments/post/",
        {
            "name": "Kit",
            "email": "kit@example.net",
            "body": body,
            "started": CommentForm(article=article).initial["started"],
        },
    )
    assert response.status_code == 302
    return Comment.objects.latest("pk")


def test_anonymous_writer_edits_from_the_same_browser(
    client, article, queued, django_capture_on_commit_callbacks
):
    comment = _post(client, article)
    form = client.get(f"/comments/{comment.pk}/edit/")
    assert form.status_code == 200
    assert b"The east side needs shade" in form.content

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/comments/{comment.pk}/edit/",
            {"body": "The east side needs shade.<script>alert(1)</script>\n\nAnd water."},
        )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.edited_at is not None
    assert comment.status == Comment.Status.PENDING
    assert "<script>" not in comment.body_html
    assert "<p>And water.</p>" in comment.body_html
    assert queued == [comment.pk]
    assert AuditEvent.objects.filter(comment=comment, action="edited").exists()

    comment_change_status(comment=comment, status=Comment.Status.APPROVED)
    stranger_view = client.__class__().get(article.get_absolute_url())
    assert b"(edited)" in stranger_view.content
    assert b"And water." in stranger_view.content


def test_edit_and_delete_links_show_on_own_comments_only(client, article):
    comment = _post(client, article)
    page = client.get(article.get_absolute_url())
    assert f"/comments/{comment.pk}/edit/".encode() in page.content
    assert f"/comments/{comment.pk}/delete/".encode() in page.content
    other = client.__class__().get(article.get_absolute_url())
    assert b"/edit/" not in other.content


def test_someone_else_cannot_edit_or_delete(client, article):
    comment = _post(client, article)
    stranger = client.__class__()
    for action in ("edit", "delete"):
        response = stranger.get(f"/comments/{comment.pk}/{action}/")
        assert response.status_code == 403
        assert b"Only the person who wrote this comment" in response.content
    response = stranger.post(f"/comments/{comment.pk}/edit/", {"body": "Hijacked"})
    assert response.status_code == 403
    comment.refresh_from_db()
    assert "Hijacked" not in comment.body


def test_edit_window_is_enforced_with_a_clear_message(client, article, settings):
    comment = _post(client, article)
    Comment.objects.filter(pk=comment.pk).update(
        submitted_at=timezone.now() - settings.COMMENTS_EDIT_WINDOW - timedelta(seconds=1)
    )
    response = client.post(f"/comments/{comment.pk}/edit/", {"body": "Too late"})
    assert response.status_code == 403
    assert b"that time has passed" in response.content


def test_empty_edit_is_refused_with_a_form_error(client, article, queued):
    comment = _post(client, article)
    response = client.post(f"/comments/{comment.pk}/edit/", {"body": "<b></b>"})
    assert response.status_code == 400
    assert b"Your edit was not saved" in response.content
    assert queued == []


def test_signed_in_writer_edits_from_any_browser_and_others_cannot(client, article, queued):
    writer = UserFactory()
    comment = CommentFactory(article=article, user=writer, name=writer.username)
    client.force_login(UserFactory())
    assert client.get(f"/comments/{comment.pk}/edit/").status_code == 403
    client.force_login(writer)
    response = client.post(f"/comments/{comment.pk}/edit/", {"body": "A better sentence."})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body == "A better sentence."


def test_delete_keeps_the_replies(client, article, django_capture_on_commit_callbacks):
    comment = _post(client, article)
    comment_change_status(comment=comment, status=Comment.Status.APPROVED)
    CommentFactory(article=article, parent=comment, body="I disagree about the shade.")

    confirm = client.get(f"/comments/{comment.pk}/delete/")
    assert confirm.status_code == 200
    assert b"Delete my comment" in confirm.content
    comment.refresh_from_db()
    assert comment.deleted_at is None  # the GET only asks

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/comments/{comment.pk}/delete/")
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.deleted_at is not None and comment.body == "" and comment.body_html == ""

    page = client.__class__().get(article.get_absolute_url())
    assert b"[deleted]" in page.content
    assert b"The east side needs shade" not in page.content
    assert b"I disagree about the shade." in page.content

    again = client.get(f"/comments/{comment.pk}/edit/")
    assert again.status_code == 403


def test_unknown_comment_is_404(client):
    assert client.get("/comments/999999/edit/").status_code == 404
    assert client.get("/comments/999999/delete/").status_code == 404
