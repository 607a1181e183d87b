"""Reader reports: one per reader per comment; enough of them hold the comment."""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F

from ..models import AuditEvent, Comment, Report
from .status import comment_change_status


class DuplicateReport(Exception):
    """This reader already reported this comment."""


def reporter_key_for(*, user=None, session_key: str | None = None) -> str:
    """ "user:<id>" for a signed-in reader, else "session:<session key>"."""
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    if not session_key:
        raise ValueError("An anonymous report needs a session.")
    return f"session:{session_key}"


def report_create(*, comment: Comment, reporter_key: str, reason: str, note: str = "") -> Report:
    """Store a reader's report. At `COMMENTS_REPORTS_TO_HOLD` open reports a published
    comment is held for a moderator. Raises DuplicateReport for a second report by one reader."""
    if reason not in Report.Reason.values:
        raise ValueError(f"Unknown report reason {reason!r}.")
    with transaction.atomic():
        try:
            with transaction.atomic():
                report = Report.objects.create(
                    comment=comment, reporter_key=reporter_key, reason=reason, note=note[:300]
                )
        except IntegrityError:
            raise DuplicateReport from None
        Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        threshold = settings.COMMENTS_REPORTS_TO_HOLD
        enough = bool(threshold) and locked.report_count >= threshold
        if enough and locked.status == Comment.Status.APPROVED:
            reasons = (
                Report.objects.filter(comment=locked, resolved_at=None)
                .values_list("reason", flat=True)
                .distinct()
            )
            labels = ", ".join(sorted(Report.Reason(r).label.lower() for r in reasons))
            comment_change_status(
                comment=locked,
                status=Comment.Status.HELD,
                actor=None,
                actor_kind=AuditEvent.ActorKind.SYSTEM,
                action="held by reader reports",
                reason=f"{locked.report_count} readers reported it ({labels}).",
            )
    return report
