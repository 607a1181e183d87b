"""What follows a change readers can see. Called after the transaction commits.

Kept in one place so every path that changes visibility (filter, moderator, edit, delete, ban)
refreshes the same things.
"""

import logging

logger = logging.getLogger(__name__)


def comment_visibility_changed(*, comment, became_visible: bool) -> None:
    """Hook for the thread cache and reply notifications (filled in by their modules)."""
    logger.debug("comment %s visibility changed (visible=%s)", comment.pk, became_visible)
    if became_visible:
        from .notifications import notifications_comment_approved

        notifications_comment_approved(comment=comment)
