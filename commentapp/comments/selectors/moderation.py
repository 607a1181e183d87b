"""Reads for the moderation desk: the dashboard, a comment's context, who gets alerts.

Each answers in a fixed, small number of queries.
"""

from __future__ import annotations

from datetime import datetime, time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from ..models import AuditEvent, Comment

MODERATE_ALL_PERMISSION = "comments.moderate_all_articles"
CONTEXT_EARLIER_LIMIT = 10


def comments_visible_to(*, user, queryset: QuerySet | None = None) -> QuerySet:
    """Comments this user may moderate: all of them for moderators, else their own articles'."""
    queryset = Comment.objects.all() if queryset is None else queryset
    if user.has_perm(MODERATE_ALL_PERMISSION):
        return queryset
    return queryset.filter(article__authors=user)


def moderation_dashboard_counts(*, user) -> dict[str, int]:
    """Counts for the admin index: waiting (held, pending, reported) and spam caught today.

    Two queries: one aggregate over comments, one over today's audit events.
    """
    comments = comments_visible_to(user=user)
    counts = comments.aggregate(
        held=Count("pk", filter=Q(status=Comment.Status.HELD)),
        pending=Count("pk", filter=Q(status=Comment.Status.PENDING)),
        reported=Count("pk", filter=Q(report_count__gt=0)),
    )
    start = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    events = AuditEvent.objects.filter(
        created_at__gte=start, status_after=Comment.Status.SPAM, comment__isnull=False
    )
    if not user.has_perm(MODERATE_ALL_PERMISSION):
        events = events.filter(article__authors=user)
    counts["spam_today"] = events.values("comment").distinct().count()
    return counts


def comment_moderation_context(*, comment: Comment) -> dict:
    """What a moderator needs beside the comment: the chain of parents up to the top-level
    comment, the comments posted just before it in the same thread, and its audit events.
    Three queries."""
    ancestors: list[Comment] = []
    if comment.parent_id:
        root_id = comment.root_id or comment.parent_id
        thread = {
            c.pk: c
            for c in Comment.objects.filter(Q(pk=root_id) | Q(root_id=root_id)).only(
                "pk", "parent_id", "name", "body", "status", "submitted_at", "is_author_reply"
            )
        }
        node = thread.get(comment.parent_id)
        while node is not None and len(ancestors) < 50:
            ancestors.append(node)
            node = thread.get(node.parent_id)
        ancestors.reverse()
    earlier_filter = Q(article_id=comment.article_id, submitted_at__lte=comment.submitted_at)
    earlier = list(
        Comment.objects.filter(earlier_filter)
        .exclude(pk=comment.pk)
        .exclude(pk__in=[a.pk for a in ancestors])
        .only("pk", "name", "body", "status", "submitted_at", "is_author_reply", "parent_id")
        .order_by("-submitted_at", "-pk")[:CONTEXT_EARLIER_LIMIT]
    )
    earlier.reverse()
    events = list(
        AuditEvent.objects.filter(comment=comment)
        .select_related("actor")
        .order_by("-created_at", "-pk")
    )
    return {"ancestors": ancestors, "earlier": earlier, "events": events}


def moderator_alert_emails() -> list[str]:
    """Addresses of active staff who moderate every article (the Moderators group or the
    permission given directly). Superusers are not mailed unless they are moderators too."""
    permission = Permission.objects.filter(
        content_type__app_label="comments", codename="moderate_all_articles"
    ).first()
    if permission is None:
        return []
    users = (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(Q(groups__permissions=permission) | Q(user_permissions=permission))
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    return sorted(set(users))
