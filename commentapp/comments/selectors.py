"""Reads. Views and services call these; each answers one question in bounded queries."""

from django.db.models import Q
from django.utils import timezone

from .models import Ban, Comment
from .thread_tree import Thread, build_thread

# The columns the thread template shows: keeps the one thread query narrow.
THREAD_FIELDS = (
    "id",
    "parent_id",
    "root_id",
    "depth",
    "user_id",
    "name",
    "body_html",
    "status",
    "is_author_reply",
    "submitted_at",
    "edited_at",
    "deleted_at",
)


def ban_find_active(*, email: str = "", ip_address: str | None = None, user=None) -> Ban | None:
    """The first unexpired ban matching the email, IP or account, if any."""
    match = Q()
    if email:
        match |= Q(kind=Ban.Kind.EMAIL, value=email.strip().lower())
    if ip_address:
        match |= Q(kind=Ban.Kind.IP, value=ip_address)
    if user is not None and user.is_authenticated:
        match |= Q(kind=Ban.Kind.USER, value=str(user.pk))
    if not match:
        return None
    now = timezone.now()
    return (
        Ban.objects.filter(match)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .order_by("pk")
        .first()
    )


def comment_thread(*, article, viewer_comment_ids=(), max_depth: int, newest_first=False) -> Thread:
    """The article's approved comments (plus the viewer's own held ones) as a display-ordered tree.

    One query whatever the size of the thread.
    """
    visible = Q(status=Comment.Status.APPROVED)
    if viewer_comment_ids:
        visible |= Q(pk__in=list(viewer_comment_ids)) & ~Q(status=Comment.Status.REMOVED)
    comments = list(
        Comment.objects.filter(article=article)
        .filter(visible)
        .only(*THREAD_FIELDS)
        .order_by("submitted_at", "id")
    )
    return build_thread(comments, max_depth=max_depth, newest_first=newest_first)


def comment_count_approved(*, article) -> int:
    return Comment.objects.filter(article=article, status=Comment.Status.APPROVED).count()
