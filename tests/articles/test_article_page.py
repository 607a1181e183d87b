"""The article page a reader opens: body, footnotes, author box; and the home page."""

import pytest
from django.urls import reverse

from commentapp.comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory, FootnoteFactory

pytestmark = pytest.mark.django_db


def test_footnote_markers_link_to_references_and_back(client, article):
    FootnoteFactory(article=article, marker="1", text="Parks report, section 4.")
    FootnoteFactory(article=article, marker="2", text="Aerial survey 2024.")
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<a href="#fn-1" id="ref-1"' in html
    assert '<a href="#fn-2" id="ref-2"' in html
    assert '<li id="fn-1">' in html and "Parks report, section 4." in html
    assert 'href="#ref-1" class="footnote-back"' in html


def test_roman_numeral_markers_and_unknown_markers(client, author):
    article = ArticleFactory(authors=[author], body="First claim.[i] Second.[ii] Typo.[iii]")
    FootnoteFactory(article=article, marker="i", text="One.")
    FootnoteFactory(article=article, marker="ii", text="Two.")
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'href="#fn-i" id="ref-i"' in html and 'href="#fn-ii" id="ref-ii"' in html
    assert "Typo.[iii]" in html  # no footnote [iii]: left as text, not a dead link


def test_article_body_is_escaped(client, author):
    article = ArticleFactory(authors=[author], body="Tags like <script>alert(1)</script> stay text")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_about_the_author_box_and_byline(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert "About the author: Mara Lindqvist" in html
    assert "Writes about cities." in html
    assert 'class="author-name">Mara Lindqvist<' in html


def test_unknown_article_is_404(client, db):
    assert client.get("/articles/no-such-article/").status_code == 404


def test_home_lists_articles_with_approved_comment_counts(client, article):
    CommentFactory.create_batch(3, article=article)
    CommentFactory(article=article, status=Comment.Status.HELD)
    CommentFactory(article=article, status=Comment.Status.SPAM)
    html = client.get(reverse("articles:home")).content.decode()
    assert article.title in html
    assert "3 comments" in html


def test_closed_article_shows_no_form(client, article):
    article.comments_open = False
    article.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Comments are closed" in html
    assert 'name="body"' not in html
