import pytest

from tests.factories import ArticleFactory, AuthorProfileFactory


@pytest.fixture
def author(db):
    return AuthorProfileFactory(display_name="Mara Lindqvist", user__username="mara").user


@pytest.fixture
def article(author):
    return ArticleFactory(authors=[author])


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Tests share a process-wide cache (rate limits, thread fragments): start each clean."""
    from django.core.cache import cache

    from commentapp.comments.services.learning import spam_model_cache_clear

    cache.clear()
    spam_model_cache_clear()  # a model retrained by an earlier test must not leak into this one
    yield
