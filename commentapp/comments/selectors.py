"""Reads. Views and services call these; each answers one question in bounded queries."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from .models import Ban, Comment
from .thread_tree import Thread, build_thread

# The columns the thread template shows: keeps the one thread query narrow.
THREAD_FIELDS = (
    "pk",
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


def _visible_to(viewer_comment_ids) -> Q:
    """Approved comments, plus the viewer's own ones not approved (yet), except removed ones.

    A poster's comment filed as spam still shows to them as awaiting moderation: telling a
    spammer which posts were caught only helps them tune the next one."""
    visible = Q(status=Comment.Status.APPROVED)
    if viewer_comment_ids:
        visible |= Q(pk__in=list(viewer_comment_ids)) & ~Q(status=Comment.Status.REMOVED)
    return visible


def comment_thread(*, article, viewer_comment_ids=(), max_depth: int, newest_first=False) -> Thread:
    """The article's whole thread (approved comments plus the viewer's own held ones), in
    display order. One query whatever the size of the thread; pages use comment_thread_page."""
    comments = list(
        Comment.objects.filter(article=article)
        .filter(_visible_to(viewer_comment_ids))
        .only(*THREAD_FIELDS)
        .order_by("submitted_at", "id")
    )
    return build_thread(comments, max_depth=max_depth, newest_first=newest_first)


SORTS = ("oldest", "newest")


@dataclass(slots=True)
class ThreadPage:
    """One page of top-level conversations with all their replies, and where it sits."""

    thread: Thread
    page: int
    sort: str
    per_page: int
    total_comments: int  # approved comments on the article, on every page
    total_threads: int  # approved top-level comments, on every page
    has_next: bool

    @property
    def next_page(self) -> int:
        return self.page + 1

    @property
    def previous_page(self) -> int:
        return self.page - 1

    @property
    def first_thread_number(self) -> int:
        return (self.page - 1) * self.per_page + 1

    @property
    def threads_shown_through(self) -> int:
        """How many conversations pages 1..page hold together (for "50 of 296")."""
        return min(self.page * self.per_page, self.total_threads)

    @property
    def total_label(self) -> str:
        count = self.total_comments
        return f"{count:,} comment{'' if count == 1 else 's'}"


def comment_thread_page(
    *,
    article,
    page: int = 1,
    sort: str = "oldest",
    per_page: int,
    max_depth: int,
    viewer_comment_ids=(),
    as_rows: bool = False,
) -> ThreadPage:
    """Page `page` of the article's conversations: `per_page` top-level comments in `sort`
    order, each with all its visible replies. Three queries whatever the thread's size: the
    totals, the page's top-level comments (one extra row tells whether a next page exists)
    and their replies, found through the `root` column.

    Items carry Comment instances, or with `as_rows` light named tuples of THREAD_FIELDS (what
    the HTML page uses: several times cheaper to build for a page of hundreds of comments).
    """
    newest_first = sort == "newest"
    visible = _visible_to(viewer_comment_ids)
    totals = Comment.objects.filter(article=article, status=Comment.Status.APPROVED).aggregate(
        comments=Count("pk"), threads=Count("pk", filter=Q(parent__isnull=True))
    )
    order = ("-submitted_at", "-id") if newest_first else ("submitted_at", "id")
    offset = (page - 1) * per_page

    def rows(queryset):
        if as_rows:
            return queryset.values_list(*THREAD_FIELDS, named=True)
        return queryset.only(*THREAD_FIELDS)

    roots = list(
        rows(Comment.objects.filter(article=article, parent__isnull=True).filter(visible)).order_by(
            *order
        )[offset : offset + per_page + 1]
    )
    has_next = len(roots) > per_page
    roots = roots[:per_page]
    replies = []
    if roots:
        replies = list(
            rows(
                Comment.objects.filter(root_id__in=[c.pk for c in roots]).filter(visible)
            ).order_by()  # build_thread orders them
        )
    return ThreadPage(
        thread=build_thread(roots + replies, max_depth=max_depth, newest_first=newest_first),
        page=page,
        sort=sort,
        per_page=per_page,
        total_comments=totals["comments"],
        total_threads=totals["threads"],
        has_next=has_next,
    )


def comment_page_number(*, comment: Comment, per_page: int, viewer_comment_ids=()) -> int:
    """The page (oldest-first order) that shows `comment`: counts the conversations before
    its thread's top-level comment."""
    root = comment
    if comment.root_id is not None:
        root = Comment.objects.only("pk", "submitted_at").get(pk=comment.root_id)
    before = (
        Comment.objects.filter(article_id=comment.article_id, parent__isnull=True)
        .filter(_visible_to(viewer_comment_ids))
        .filter(
            Q(submitted_at__lt=root.submitted_at)
            | Q(submitted_at=root.submitted_at, pk__lt=root.pk)
        )
        .count()
    )
    return before // per_page + 1


def comment_viewer_owns_any(*, article, viewer_comment_ids=(), user=None) -> bool:
    """Whether this viewer wrote a comment on the article that readers could see changed for
    them: one still awaiting moderation (shown to them alone) or one they may edit or delete.
    Such a viewer gets the thread rendered for them instead of the shared cached copy.
    No query for a reader who never posted here in this browser and is not signed in."""
    signed_in = user is not None and user.is_authenticated
    if not viewer_comment_ids and not signed_in:
        return False
    mine = Q(pk__in=list(viewer_comment_ids)) if viewer_comment_ids else Q(pk__in=[])
    if signed_in:
        mine |= Q(user_id=user.pk)
    return (
        Comment.objects.filter(article=article)
        .filter(mine)
        .exclude(status=Comment.Status.REMOVED)
        .exists()
    )
