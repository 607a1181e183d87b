"""The rendered-thread cache: one HTML fragment per article, page, sort and open/closed state,
and the article's page boundaries (which conversations each page holds).

Invalidation is by version: every fragment key embeds the article's current version token, and
`thread_cache_invalidate` replaces the token, so every page and sort of that article goes stale
at once without listing keys (Redis and locmem alike). A render that started before an
invalidation stores its result under the old token, which nobody reads any more: no race can
put a stale page back.
"""

import logging
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

VERSION_KEY = "thread:version:{article_id}"
FRAGMENT_KEY = "thread:html:{article_id}:{version}:{sort}:{page}:{open}"
# The settings are in the key: a deploy that changes them must not read old boundaries.
PAGES_KEY = "thread:pages:{article_id}:{version}:{budget}:{per_page}"


def _version(article_id: int) -> str:
    key = VERSION_KEY.format(article_id=article_id)
    version = cache.get(key)
    if version is None:
        # First reader after a flush: several may race here; `add` lets one token win.
        cache.add(key, uuid.uuid4().hex, timeout=None)
        version = cache.get(key) or "unversioned"
    return version


def thread_cache_invalidate(*, article_id: int) -> None:
    """Forget every cached page of the article's thread. Call after any change readers can see
    (approval, moderation, edit, deletion, ban); cheap, and safe to call more than needed."""
    cache.set(VERSION_KEY.format(article_id=article_id), uuid.uuid4().hex, timeout=None)
    logger.debug("thread cache of article %s invalidated", article_id)


def thread_fragment_cached(
    *, article_id: int, page: int, sort: str, comments_open: bool, render: Callable[[], str]
) -> str:
    """The cached fragment, or `render()` stored for the next reader."""
    key = FRAGMENT_KEY.format(
        article_id=article_id,
        version=_version(article_id),
        sort=sort,
        page=page,
        open=int(comments_open),
    )
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, timeout=settings.COMMENTS_THREAD_CACHE_SECONDS)
    return html


def thread_pages_cached[T](
    *, article_id: int, budget: int, per_page: int, compute: Callable[[], T], store: bool = True
) -> T:
    """The article's cached page boundaries, or `compute()` (stored for the next reader unless
    `store` is false). Under the same version as the fragments: a change that moves a
    boundary drops both at once."""
    key = PAGES_KEY.format(
        article_id=article_id, version=_version(article_id), budget=budget, per_page=per_page
    )
    pages = cache.get(key)
    if pages is None:
        pages = compute()
        if store:
            cache.set(key, pages, timeout=settings.COMMENTS_THREAD_CACHE_SECONDS)
    return pages
