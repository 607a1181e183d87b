"""The article page reads a thread in the same handful of queries whatever its size."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from commentapp.comments.thread.cache import thread_cache_invalidate
from tests.factories import ArticleFactory, CommentFactory

BASE = datetime(2025, 1, 1, tzinfo=UTC)


def build_thread(article, size: int) -> None:
    """`size` comments: every third starts a conversation, the others answer the one before."""
    previous = None
    for n in range(size):
        parent = None if n % 3 == 0 or previous.depth >= 3 else previous
        previous = CommentFactory(
            article=article, parent=parent, submitted_at=BASE + timedelta(minutes=n)
        )


def queries_for_anonymous_page(article, query="") -> int:
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(article.get_absolute_url() + query)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("budget", [500, 20])
def test_same_queries_for_10_and_200_comments(author, settings, budget):
    """Cold cache every time: each article's first page, then (200 comments: several pages)
    a later page and the newest-first sort, each the first render of its kind."""
    settings.COMMENTS_PAGE_COMMENT_BUDGET = budget
    small, big = ArticleFactory(authors=[author]), ArticleFactory(authors=[author])
    build_thread(small, 10)
    build_thread(big, 200)
    small_count = queries_for_anonymous_page(small)
    assert small_count == queries_for_anonymous_page(big)
    assert small_count <= 8
    for query in ("?page=2", "?sort=newest&page=2"):
        thread_cache_invalidate(article_id=big.pk)
        assert queries_for_anonymous_page(big, query) == small_count


def test_a_later_page_reuses_the_cached_page_boundaries(author):
    article = ArticleFactory(authors=[author])
    build_thread(article, 200)
    cold = queries_for_anonymous_page(article)
    assert queries_for_anonymous_page(article, "?page=2") < cold


def test_cached_page_needs_fewer_queries(author):
    article = ArticleFactory(authors=[author])
    build_thread(article, 30)
    cold = queries_for_anonymous_page(article)
    assert queries_for_anonymous_page(article) < cold
