"""Moderator decisions on comments: approve, reject, mark spam, mark not spam.

Every decision goes through `comment_change_status` (so it is audited and readers' pages are
refreshed), resolves the comment's open reader reports, and spam / not-spam decisions become
training examples for the filter, which is retrained once per batch after the commit.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from commentapp.tasks_util import enqueue_safely

from ..models import AuditEvent, Comment, Report
from ..selectors.moderation import MODERATE_ALL_PERMISSION
from .learning import training_example_record
from .status import comment_change_status


class Decision(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    SPAM = "spam"
    NOT_SPAM = "not_spam"


# decision -> (new status, audit action, training label or None)
_DECISIONS = {
    Decision.APPROVE: (Comment.Status.APPROVED, "approved", None),
    Decision.REJECT: (Comment.Status.REMOVED, "rejected", None),
    Decision.SPAM: (Comment.Status.SPAM, "marked spam", True),
    Decision.NOT_SPAM: (Comment.Status.APPROVED, "marked not spam", False),
}


def moderator_actor_kind(*, actor, article_ids: Iterable[int]) -> str:
    """MODERATOR for site-wide moderators; AUTHOR for an author acting on their own articles.

    Raises PermissionDenied for anyone else: the admin scopes its querysets, this is the
    second lock on the door.
    """
    if actor is None:
        raise PermissionDenied("A moderation decision needs a signed-in moderator.")
    if actor.has_perm(MODERATE_ALL_PERMISSION):
        return AuditEvent.ActorKind.MODERATOR
    wanted = set(article_ids)
    own = set(actor.articles.filter(pk__in=wanted).values_list("pk", flat=True))
    if not wanted <= own:
        raise PermissionDenied("You can moderate comments on your own articles only.")
    return AuditEvent.ActorKind.AUTHOR


def reports_resolve(*, comment_ids: list[int]) -> None:
    """A moderator looked at these comments: their open reports are answered."""
    Report.objects.filter(comment_id__in=comment_ids, resolved_at=None).update(
        resolved_at=timezone.now()
    )
    Comment.objects.filter(pk__in=comment_ids, report_count__gt=0).update(report_count=0)


def _enqueue_retrain() -> None:
    from ..tasks import retrain_spam_model_task

    # Broker down: the moderator's decision is saved and its training example recorded; the
    # next spam / not-spam decision's retrain learns from it too.
    enqueue_safely(
        retrain_spam_model_task, consequence="The next moderation decision will retrain."
    )


def comments_moderate(
    *, comment_ids: Iterable[int], decision: str, actor, reason: str = ""
) -> list[Comment]:
    """Apply one decision to several comments in one transaction; returns the comments."""
    decision = Decision(decision)
    status, action, is_spam = _DECISIONS[decision]
    ids = sorted(set(comment_ids))
    with transaction.atomic():
        comments = list(Comment.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
        actor_kind = moderator_actor_kind(actor=actor, article_ids={c.article_id for c in comments})
        for comment in comments:
            comment_change_status(
                comment=comment,
                status=status,
                actor=actor,
                actor_kind=actor_kind,
                action=action,
                reason=reason,
            )
            if is_spam is not None:
                training_example_record(comment=comment, is_spam=is_spam, created_by=actor)
        reports_resolve(comment_ids=[c.pk for c in comments])
        if is_spam is not None and comments:
            # One retrain per batch, not per comment: a bulk "spam" on 200 comments is one job.
            transaction.on_commit(_enqueue_retrain)
    return comments


def comment_approve(*, comment: Comment, actor, reason: str = "") -> Comment:
    return comments_moderate(
        comment_ids=[comment.pk], decision=Decision.APPROVE, actor=actor, reason=reason
    )[0]


def comment_reject(*, comment: Comment, actor, reason: str = "") -> Comment:
    return comments_moderate(
        comment_ids=[comment.pk], decision=Decision.REJECT, actor=actor, reason=reason
    )[0]


def comment_mark_spam(*, comment: Comment, actor, reason: str = "") -> Comment:
    return comments_moderate(
        comment_ids=[comment.pk], decision=Decision.SPAM, actor=actor, reason=reason
    )[0]


def comment_mark_not_spam(*, comment: Comment, actor, reason: str = "") -> Comment:
    return comments_moderate(
        comment_ids=[comment.pk], decision=Decision.NOT_SPAM, actor=actor, reason=reason
    )[0]
