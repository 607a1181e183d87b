"""Status transitions: the one place that changes what readers see, with its audit trail."""

from django.db import transaction

from ..models import AuditEvent, Comment
from . import side_effects


def comment_transition_record(
    *,
    comment: Comment,
    status_before: str,
    actor=None,
    actor_kind: str = AuditEvent.ActorKind.MODERATOR,
    action: str = "",
    reason: str = "",
    notify: bool = True,
) -> AuditEvent:
    """Log a transition that has just been saved on `comment`, and after commit refresh what
    readers see (thread cache) and notify reply subscribers when it became visible.

    Call inside the transaction that saved the status. Most callers want comment_change_status;
    the spam filter saves its verdict and the status in one UPDATE and then calls this.
    """
    event = AuditEvent.objects.create(
        comment=comment,
        article_id=comment.article_id,
        actor=actor,
        actor_kind=actor_kind,
        action=action or f"set {comment.status}",
        status_before=status_before,
        status_after=comment.status,
        reason=reason,
    )
    approved = Comment.Status.APPROVED
    # Only a move into or out of `approved` changes the public page (a pending comment shows
    # only to its writer, who is never served the shared cached page).
    if status_before != comment.status and approved in (status_before, comment.status):
        became_visible = comment.status == approved
        transaction.on_commit(
            lambda: side_effects.comment_visibility_changed(
                comment=comment, became_visible=became_visible, notify=notify
            )
        )
    return event


def comment_change_status(
    *,
    comment: Comment,
    status: str,
    actor=None,
    actor_kind: str = AuditEvent.ActorKind.MODERATOR,
    action: str = "",
    reason: str = "",
    notify: bool = True,
) -> Comment:
    """Set `comment.status` and record the transition (see comment_transition_record)."""
    before = comment.status
    with transaction.atomic():
        if before != status:
            comment.status = status
            comment.save(update_fields=["status", "updated_at"])
        comment_transition_record(
            comment=comment,
            status_before=before,
            actor=actor,
            actor_kind=actor_kind,
            action=action,
            reason=reason,
            notify=notify,
        )
    return comment
