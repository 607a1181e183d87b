"""Reader reports: one per reader per comment; enough of them hold the comment."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.crypto import salted_hmac

from ..models import AuditEvent, Comment, Report
from .status import comment_change_status


class DuplicateReport(Exception):
    """This reader already reported this comment."""


def reporter_key_for(*, user=None, ip_address: str | None = None) -> str:
    """ "user:<id>" for a signed-in reader, else "ip:<keyed hash of the network>".

    An anonymous reader is known by their address, not their session: clearing cookies would
    otherwise make a new reader, and one person could hide any comment alone. An IPv6 client
    usually holds a whole /64, so the /64 counts as one reader. The address is stored as a
    keyed hash: a reader who only clicked "Report" leaves no IP behind. Readers with no usable
    address all count as one (conservative: they cannot hold a comment by themselves)."""
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    try:
        address = ipaddress.ip_address(ip_address or "")
    except ValueError:
        return "ip:unknown"
    if address.version == 6:
        mapped = address.ipv4_mapped
        network = str(mapped or ipaddress.ip_network(f"{address}/64", strict=False))
    else:
        network = str(address)
    digest = salted_hmac("comments.report.reporter", network, algorithm="sha256").hexdigest()
    return f"ip:{digest[:40]}"


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
