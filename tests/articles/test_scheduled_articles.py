"""An article with a future publish time stays out of readers' sight until then."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from commentapp.comments.models import Comment
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled():
    return ArticleFactory(
        slug="budget-leak",
        title="Budget embargoed",
        published_at=timezone.now() + timedelta(days=1),
    )


def test_home_lists_published_articles_only(client, article, scheduled):
    page = client.get("/").content.decode()
    assert article.title in page
    assert scheduled.title not in page


def test_readers_get_404_everywhere(client, scheduled):
    slug = scheduled.slug
    assert client.get(f"/articles/{slug}/").status_code == 404
    assert client.get(f"/articles/{slug}/comments/").status_code == 404
    assert client.get(f"/articles/{slug}/comments/feed/").status_code == 404
    assert client.get(f"/api/articles/{slug}/comments/").status_code == 404
    assert client.get("/api/articles/counts/", {"slugs": slug}).json()["counts"] == {}
    posted = client.post(
        f"/api/articles/{slug}/comments/",
        {"name": "Ana", "email": "ana@example.org", "body": "First!"},
        content_type="application/json",
    )
    assert posted.status_code == 404
    form_post = client.post(
        f"/articles/{slug}/comments/post/",
        {"name": "Ana", "email": "ana@example.org", "body": "First!"},
    )
    assert form_post.status_code == 404
    assert not Comment.objects.filter(article=scheduled).exists()


def test_staff_preview_says_not_published_yet(scheduled, article):
    staff = Client()
    staff.force_login(UserFactory(username="editor", is_staff=True))
    preview = staff.get(f"/articles/{scheduled.slug}/")
    assert preview.status_code == 200
    assert b"Not published yet" in preview.content
    assert b"Not published yet" not in staff.get(article.get_absolute_url()).content


def test_article_is_public_once_its_time_comes(client, scheduled):
    scheduled.published_at = timezone.now() - timedelta(minutes=1)
    scheduled.save(update_fields=["published_at"])
    assert client.get(f"/articles/{scheduled.slug}/").status_code == 200
    assert scheduled.title in client.get("/").content.decode()
