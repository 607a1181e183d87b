"""The JSON API as a client uses it: read the thread, post, poll a comment, get counts."""

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from commentapp.comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def _url(article):
    return f"/api/articles/{article.slug}/comments/"


def test_list_is_paginated_by_conversation_with_replies_nested(api, article, settings):
    settings.COMMENTS_THREADS_PER_PAGE = 2
    first = CommentFactory(article=article, body="First!")
    reply = CommentFactory(article=article, parent=first, body="A reply")
    CommentFactory(article=article, parent=reply, body="A reply to the reply")
    CommentFactory(article=article, parent=first, status=Comment.Status.HELD, body="Held")
    CommentFactory(article=article, body="Second")
    CommentFactory(article=article, body="Third")
    CommentFactory(article=article, status=Comment.Status.SPAM, body="Buy now")

    page1 = api.get(_url(article)).json()
    assert page1["count"] == 3
    assert page1["comment_count"] == 5
    assert page1["results"][0]["id"] == first.pk
    replies = page1["results"][0]["replies"]
    assert [(r["parent"], r["depth"]) for r in replies] == [(first.pk, 1), (reply.pk, 2)]
    assert "Held" not in str(page1) and "Buy now" not in str(page1)
    assert page1["previous"] is None and page1["next"].endswith("?page=2")

    page2 = api.get(page1["next"]).json()
    assert [c["body_html"] for c in page2["results"]] == ["<p>Third</p>"]
    assert page2["next"] is None

    newest = api.get(_url(article), {"sort": "newest"}).json()
    assert newest["results"][0]["body_html"] == "<p>Third</p>"


def test_list_errors_are_json(api, article):
    assert api.get("/api/articles/no-such-article/comments/").status_code == 404
    assert api.get("/api/articles/no-such-article/comments/").json()["detail"]
    bad_page = api.get(_url(article), {"page": "two"})
    assert bad_page.status_code == 400 and "page" in bad_page.json()
    assert api.get(_url(article), {"sort": "random"}).status_code == 400
    assert api.get(_url(article), {"page": "9"}).status_code == 404
    assert api.get("/api/articles/bad%00slug/comments/").status_code == 404
    assert api.get("/api/nothing/here/").json() == {"detail": "No such API endpoint."}
    odd = api.get("/api/comments/%3E%0Ac/")  # a newline in the path, found by schemathesis
    assert odd.status_code == 404 and odd["Content-Type"] == "application/json"


def test_anonymous_post_is_pending_and_never_an_author_reply(api, article, author):
    response = api.post(
        _url(article),
        {
            "name": "Mara L.",
            "email": author.email,
            "body": "As the author I say: buy my book.",
            "parent": None,
        },
        format="json",
        HTTP_X_FORWARDED_FOR="10.0.0.1",
        HTTP_X_USER="mara",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "pending"
    assert body["is_author_reply"] is False
    comment = Comment.objects.get(pk=body["id"])
    assert comment.user is None and not comment.is_author_reply


def test_post_with_bad_fields_gets_field_messages(api, article, author):
    cases = [
        ({"name": "Kit", "email": "kit@example.net"}, "body"),
        ({"name": "Kit", "email": "not-an-email", "body": "Hi"}, "email"),
        ({"email": "kit@example.net", "body": "Hi"}, "name"),
        ({"name": "Kit", "email": "kit@example.net", "body": "x" * 5001}, "body"),
        ({"name": "Kit", "email": "kit@example.net", "body": "Hi", "parent": "abc"}, "parent"),
        ({"name": "Kit", "email": "kit@example.net", "body": "Hi", "parent": 10**30}, "parent"),
        ({"name": "Kit", "email": "kit@example.net", "body": "Hi\x00"}, "body"),
        ({"name": "Mara Lindqvist", "email": "m@example.net", "body": "Hi"}, "name"),
    ]
    for payload, field in cases:
        response = api.post(_url(article), payload, format="json")
        assert response.status_code == 400, (payload, response.content)
        assert field in response.json(), (payload, response.json())
    assert Comment.objects.count() == 0


def test_reply_must_be_to_a_visible_comment_of_the_same_article(api, article):
    elsewhere = CommentFactory(article=ArticleFactory())
    held = CommentFactory(article=article, status=Comment.Status.HELD)
    for parent in (elsewhere, held):
        response = api.post(
            _url(article),
            {"name": "Kit", "email": "kit@example.net", "body": "Hi", "parent": parent.pk},
            format="json",
        )
        assert response.status_code == 400
        assert "parent" in response.json()


def test_closed_article_refuses_with_a_message(api):
    closed = ArticleFactory(comments_open=False)
    response = api.post(
        _url(closed), {"name": "Kit", "email": "kit@example.net", "body": "Hi"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["non_field_errors"] == ["Comments are closed on this article."]


def test_signed_in_author_posts_as_the_account_and_csrf_is_enforced(article, author):
    api = APIClient(enforce_csrf_checks=True)
    api.force_login(author)
    payload = {"name": "Someone Else", "email": "x@example.net", "body": "Thanks for reading."}
    assert api.post(_url(article), payload, format="json").status_code == 403

    api.get("/")  # nothing sets the cookie here; take the token the way a page script would
    from django.middleware.csrf import _get_new_csrf_string

    token = _get_new_csrf_string()
    api.cookies["csrftoken"] = token
    response = api.post(_url(article), payload, format="json", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201, response.content
    assert response.json()["is_author_reply"] is True
    comment = Comment.objects.get(pk=response.json()["id"])
    assert comment.user == author and comment.name == "Mara Lindqvist"


def test_posting_too_fast_gets_429(api, article):
    statuses = [
        api.post(
            _url(article),
            {"name": "Kit", "email": "kit@example.net", "body": f"Comment number {i}"},
            format="json",
        ).status_code
        for i in range(12)
    ]
    assert statuses[0] == 201
    assert statuses[-1] == 429


def test_comment_detail_shows_only_visible_comments(api, article):
    visible = CommentFactory(article=article, body="Seen")
    held = CommentFactory(article=article, status=Comment.Status.HELD)
    data = api.get(f"/api/comments/{visible.pk}/").json()
    assert data["article"] == article.slug
    assert data["body_html"] == "<p>Seen</p>" and data["status"] == "approved"
    assert api.get(f"/api/comments/{held.pk}/").status_code == 404
    assert api.get("/api/comments/99999999999999999999999/").status_code == 404


def test_comment_detail_hides_comments_on_a_scheduled_article(api):
    scheduled = ArticleFactory(published_at=timezone.now() + dt.timedelta(days=1))
    comment = CommentFactory(article=scheduled, body="Early")
    response = api.get(f"/api/comments/{comment.pk}/")
    assert response.status_code == 404
    assert "Early" not in response.content.decode()


def test_counts_for_several_articles(api, article):
    other = ArticleFactory()
    CommentFactory.create_batch(3, article=article)
    CommentFactory(article=article, status=Comment.Status.HELD)
    response = api.get("/api/articles/counts/", {"slugs": f"{article.slug},{other.slug},nope"})
    assert response.json() == {"counts": {article.slug: 3, other.slug: 0}}
    assert api.get("/api/articles/counts/").status_code == 400
    assert api.get("/api/articles/counts/", {"slugs": "a\x00b"}).status_code == 400


def test_schema_is_served(api):
    response = api.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/articles/{slug}/comments/" in paths
    assert "/api/articles/counts/" in paths
    assert "/api/comments/{id}/" in paths


def test_signed_in_user_comment_never_takes_name_from_payload(article):
    api = APIClient()
    user = UserFactory(username="reader7")
    api.force_login(user)
    response = api.post(
        _url(article), {"name": "Mara Lindqvist", "body": "Hello there"}, format="json"
    )
    assert response.status_code == 201
    assert Comment.objects.get(pk=response.json()["id"]).name == "reader7"
