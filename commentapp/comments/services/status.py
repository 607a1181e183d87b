"""Status transitions: the one function that changes what readers see, with its audit trail."""

from django.db import transaction

from ..models import AuditEvent, Comment
from . import side_effects


def comment_change_status(
    *,
    comment: Comment,
    status: str,
    actor=None,
    actor_kind: str = AuditEvent.ActorKind.MODERATOR,
    action: str = "",
    reason: str = "",
) -> Comment:
    """Set `comment.status`, record an immutable audit event, and after commit refresh what
    readers see (thread cache) and notify reply subscribers when it becomes visible."""
    before = comment.status
    with transaction.atomic():
        if before != status:
            comment.status = status
            comment.save(update_fields=["status", "updated_at"])
        AuditEvent.objects.create(
            comment=comment,
            article_id=comment.article_id,
            actor=actor,
            actor_kind=actor_kind,
            action=action or f"set {status}",
            status_before=before,
            status_after=status,
            reason=reason,
        )
        if before != status:
            transaction.on_commit(
                lambda: side_effects.comment_visibility_changed(
                    comment=comment, became_visible=status == Comment.Status.APPROVED
                )
            )
    return comment
