"""The Atom feed of an article's comments, and the counts readers see."""

import pytest

from commentapp.comments.models import Comment
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


def test_article_page_links_its_comment_feed(client, article):
    page = client.get(article.get_absolute_url())
    feed_url = f"/articles/{article.slug}/comments/feed/"
    assert b'type="application/atom+xml"' in page.content
    assert feed_url.encode() in page.content


def test_feed_lists_approved_comments_only(client, article):
    CommentFactory(article=article, name="Ada", body="Plant <strong>oaks</strong>, please.")
    CommentFactory(article=article, status=Comment.Status.HELD, body="Held back")
    CommentFactory(article=article, status=Comment.Status.SPAM, body="Cheap pills")
    deleted = CommentFactory(article=article, body="Gone")
    deleted.deleted_at = deleted.submitted_at
    deleted.save()

    response = client.get(f"/articles/{article.slug}/comments/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    text = response.content.decode()
    assert "Comment by Ada" in text
    assert (
        "Plant &lt;strong&gt;oaks&lt;/strong&gt;, please." in text
    )  # HTML content, escaped in XML
    assert "Held back" not in text and "Cheap pills" not in text and "Gone" not in text


def test_feed_of_unknown_article_is_404(client):
    assert client.get("/articles/nope/comments/feed/").status_code == 404


def test_home_page_shows_comment_counts(client, article):
    CommentFactory.create_batch(2, article=article)
    CommentFactory(article=article, status=Comment.Status.HELD)
    page = client.get("/")
    assert b"2 comments" in page.content
