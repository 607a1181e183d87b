"""Numbers in query strings: "²" passes str.isdigit() but is no number. Never a 500."""

import pytest
from django.test import Client

from commentapp.comments.models import Comment
from tests.factories import CommentFactory, UserFactory

pytestmark = pytest.mark.django_db

ARABIC_ONE = "\u0661"  # int() reads it as 1
ODD = ["²", ARABIC_ONE, "0", "-1", "1e3", "abc"]


@pytest.fixture
def boss_client():
    client = Client()
    client.force_login(UserFactory(username="boss", is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("value", ODD)
def test_odd_page_numbers_are_404_not_500(client, article, value):
    assert client.get(f"/articles/{article.slug}/", {"page": value}).status_code == 404
    assert client.get(f"/articles/{article.slug}/comments/", {"page": value}).status_code == 404


@pytest.mark.parametrize("value", ODD)
def test_odd_reply_to_is_ignored(client, article, value):
    response = client.get(f"/articles/{article.slug}/", {"reply_to": value})
    assert response.status_code == 200
    assert response.context["reply_to"] is None


def test_reply_to_a_real_comment_still_works(client, article):
    comment = CommentFactory(article=article, status=Comment.Status.APPROVED)
    response = client.get(f"/articles/{article.slug}/", {"reply_to": str(comment.pk)})
    assert response.context["reply_to"] == comment


@pytest.mark.parametrize("value", ODD)
def test_api_odd_page_is_a_400(client, article, value):
    response = client.get(f"/api/articles/{article.slug}/comments/", {"page": value})
    assert response.status_code == 400
    assert "page" in response.json()


@pytest.mark.parametrize("value", ["²", ARABIC_ONE])
def test_admin_article_filter_ignores_odd_values(boss_client, article, value):
    CommentFactory(article=article, status=Comment.Status.HELD)
    response = boss_client.get("/admin/comments/comment/", {"article": value})
    assert response.status_code == 200


@pytest.mark.parametrize("value", ["²", "1,²", ARABIC_ONE])
def test_admin_ban_form_ignores_odd_ids(boss_client, article, value):
    response = boss_client.get("/admin/comments/comment/ban/", {"ids": value})
    assert response.status_code == 302  # back to the queue with "No comment selected to ban."
