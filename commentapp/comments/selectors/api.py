"""Reads for the JSON API: a page of conversations as model instances, in reading order.

Kept apart from the HTML thread selectors (which return light rows tuned for the template) so
the API's shape does not change when the page rendering is optimised.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q

from ..models import Comment

API_FIELDS = (
    "id",
    "parent_id",
    "root_id",
    "depth",
    "name",
    "body_html",
    "is_author_reply",
    "submitted_at",
    "edited_at",
    "deleted_at",
)


@dataclass(slots=True)
class Conversation:
    comment: Comment
    replies: list[Comment]


@dataclass(slots=True)
class ConversationPage:
    conversations: list[Conversation]
    total_threads: int
    total_comments: int
    has_next: bool


def _replies_in_order(root: Comment, by_parent: dict[int, list[Comment]]) -> list[Comment]:
    """Depth-first, oldest first. A reply whose parent is not visible is left out (it would
    answer nothing), exactly as on the page."""
    ordered, stack = [], list(reversed(by_parent.get(root.pk, [])))
    while stack:
        comment = stack.pop()
        ordered.append(comment)
        stack.extend(reversed(by_parent.get(comment.pk, [])))
    return ordered


def comment_conversation_page(*, article, page: int, per_page: int, sort: str) -> ConversationPage:
    """Approved top-level comments of page `page` with their approved replies (3 queries)."""
    approved = Comment.objects.filter(article=article, status=Comment.Status.APPROVED)
    totals = approved.aggregate(
        comments=Count("pk"), threads=Count("pk", filter=Q(parent__isnull=True))
    )
    order = ("-submitted_at", "-id") if sort == "newest" else ("submitted_at", "id")
    offset = (page - 1) * per_page
    roots = list(
        approved.filter(parent__isnull=True)
        .only(*API_FIELDS)
        .order_by(*order)[offset : offset + per_page + 1]
    )
    has_next = len(roots) > per_page
    roots = roots[:per_page]
    by_parent: dict[int, list[Comment]] = defaultdict(list)
    if roots:
        replies = (
            approved.filter(root_id__in=[r.pk for r in roots])
            .only(*API_FIELDS)
            .order_by("submitted_at", "id")
        )
        for reply in replies:
            by_parent[reply.parent_id].append(reply)
    return ConversationPage(
        conversations=[Conversation(root, _replies_in_order(root, by_parent)) for root in roots],
        total_threads=totals["threads"],
        total_comments=totals["comments"],
        has_next=has_next,
    )
