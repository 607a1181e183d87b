"""What follows a change readers can see. Called after the transaction commits.

Kept in one place so every path that changes visibility (filter, moderator, edit, delete, ban)
refreshes the same things.
"""

import logging

from ..thread.cache import thread_cache_invalidate

logger = logging.getLogger(__name__)


def comment_visibility_changed(*, comment, became_visible: bool, notify: bool = True) -> None:
    """Refresh the thread cache; on approval, email reply subscribers and authors (unless
    `notify` is off: an imported, already-old thread must not mail anyone)."""
    logger.debug("comment %s visibility changed (visible=%s)", comment.pk, became_visible)
    # Any status change may add, remove or re-mark a comment on the page: drop every cached
    # page of the article (approved -> held hides it just as held -> approved shows it).
    thread_cache_invalidate(article_id=comment.article_id)
    if became_visible and notify:
        from .notifications import notifications_comment_approved

        notifications_comment_approved(comment=comment)
