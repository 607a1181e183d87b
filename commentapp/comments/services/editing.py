"""A writer changing their own comment: edit (within the edit window) and delete.

Who may: the account that posted it, or, for an anonymous comment, the browser that posted it
(its id is kept in the server-side session, which the reader cannot forge). An edit goes back
through the sanitizer and the spam filter; a deletion keeps the comment's place in the thread
so the replies under it still make sense.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from articles.policy import article_accepts_comments

from ..models import AuditEvent, Comment
from . import side_effects
from .classification import enqueue_classification
from .posting import comment_text_validated
from .status import comment_change_status

EDITABLE_STATUSES = frozenset(
    {Comment.Status.PENDING, Comment.Status.APPROVED, Comment.Status.HELD}
)


class CommentChangeRefused(PermissionDenied):
    """The reader may not edit or delete this comment; `message` says why (shown as a 403)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def comment_is_owned(*, comment: Comment, user=None, session_comment_ids: Iterable[int]) -> bool:
    """An account's comment belongs to that account only; an anonymous comment to the browser
    session that posted it."""
    if comment.user_id is not None:
        return user is not None and user.is_authenticated and user.pk == comment.user_id
    return comment.pk in set(session_comment_ids)


def comment_edit_deadline(comment: Comment):
    return comment.submitted_at + settings.COMMENTS_EDIT_WINDOW


def _check_owner(comment: Comment, *, user, session_comment_ids) -> None:
    if not comment_is_owned(comment=comment, user=user, session_comment_ids=session_comment_ids):
        raise CommentChangeRefused(
            "Only the person who wrote this comment can change it (signed in to the same "
            "account, or in the browser it was posted from)."
        )
    if comment.deleted_at is not None:
        raise CommentChangeRefused("This comment has been deleted.")


def comment_edit_check(*, comment: Comment, user=None, session_comment_ids=()) -> None:
    """Raise CommentChangeRefused unless this reader may edit the comment now."""
    _check_owner(comment, user=user, session_comment_ids=session_comment_ids)
    if comment.status not in EDITABLE_STATUSES:
        raise CommentChangeRefused("This comment was removed by a moderator and cannot be edited.")
    if timezone.now() > comment_edit_deadline(comment):
        minutes = int(settings.COMMENTS_EDIT_WINDOW.total_seconds() // 60)
        raise CommentChangeRefused(
            f"Comments can be edited for {minutes} minutes after posting; that time has passed. "
            "You can still delete it."
        )
    if not article_accepts_comments(comment.article):
        raise CommentChangeRefused("Comments are closed on this article, so edits are too.")


def comment_delete_check(*, comment: Comment, user=None, session_comment_ids=()) -> None:
    """Deleting your own comment is allowed at any time (it only ever removes information)."""
    _check_owner(comment, user=user, session_comment_ids=session_comment_ids)


def comment_edit(
    *, comment: Comment, body: str, user=None, session_comment_ids: Iterable[int] = ()
) -> Comment:
    """Replace the text, mark it edited and send it back through the spam filter.

    The comment is `pending` until the filter has looked at the new text (so an approved
    comment cannot be turned into spam after the fact); the change is in the audit log.
    """
    user = user if user is not None and user.is_authenticated else None
    with transaction.atomic():
        locked = (
            Comment.objects.select_for_update(of=("self",))
            .select_related("article")
            .get(pk=comment.pk)
        )
        comment_edit_check(comment=locked, user=user, session_comment_ids=session_comment_ids)
        # The same checks as a new comment (limits, control characters, bans, sanitizer).
        text = comment_text_validated(
            article=locked.article,
            user=user,
            name=locked.name,
            email=locked.email,
            body=body,
            ip_address=locked.ip_address,
        )
        locked.body, locked.body_html = text.body, text.body_html
        locked.edited_at = timezone.now()
        locked.save(update_fields=["body", "body_html", "edited_at", "updated_at"])
        comment_change_status(
            comment=locked,
            status=Comment.Status.PENDING,
            actor=user,
            actor_kind=AuditEvent.ActorKind.READER,
            action="edited",
            reason="Edited by its writer; waiting for the spam filter again.",
        )
        transaction.on_commit(lambda: enqueue_classification(locked.pk))
    return locked


def comment_delete_own(
    *, comment: Comment, user=None, session_comment_ids: Iterable[int] = ()
) -> Comment:
    """Blank the text and mark the comment deleted; it stays in the thread as "[deleted]"."""
    user = user if user is not None and user.is_authenticated else None
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        comment_delete_check(comment=locked, user=user, session_comment_ids=session_comment_ids)
        locked.deleted_at = timezone.now()
        locked.body = ""
        locked.body_html = ""
        locked.notify_replies = False
        locked.save(
            update_fields=["deleted_at", "body", "body_html", "notify_replies", "updated_at"]
        )
        # Same status before and after: the audit trail records the deletion without a
        # status transition; readers' cached pages still have to drop the text.
        comment_change_status(
            comment=locked,
            status=locked.status,
            actor=user,
            actor_kind=AuditEvent.ActorKind.READER,
            action="deleted by writer",
        )
        transaction.on_commit(
            lambda: side_effects.comment_visibility_changed(comment=locked, became_visible=False)
        )
    return locked
