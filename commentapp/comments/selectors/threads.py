"""Reads. Views and services call these; each answers one question in bounded queries."""

from dataclasses import dataclass

from django.db.models import Count, Q

from ..models import Comment
from ..thread.paging import ThreadPages
from ..thread.tree import Thread, build_thread

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


def _visible_to(viewer_comment_ids) -> Q:
    """Approved comments, plus the viewer's own ones not approved (yet), except removed ones.

    A poster's comment filed as spam still shows to them as awaiting moderation: telling a
    spammer which posts were caught only helps them tune the next one."""
    visible = Q(status=Comment.Status.APPROVED)
    if viewer_comment_ids:
        visible |= Q(pk__in=list(viewer_comment_ids)) & ~Q(status=Comment.Status.REMOVED)
    return visible


@dataclass(slots=True)
class ThreadPage:
    """One page of whole conversations (top-level comments with all their replies)."""

    thread: Thread
    page: int
    sort: str
    pages: ThreadPages

    @property
    def total_comments(self) -> int:  # approved comments on the article, on every page
        return self.pages.total_comments

    @property
    def total_threads(self) -> int:  # approved top-level comments, on every page
        return self.pages.total_threads

    @property
    def page_count(self) -> int:
        return self.pages.page_count(self.sort)

    @property
    def has_next(self) -> bool:
        return self.page < self.page_count

    @property
    def next_page(self) -> int:
        return self.page + 1

    @property
    def previous_page(self) -> int:
        return self.page - 1

    @property
    def previous_page_threads(self) -> int:
        """How many conversations the previous page holds (for "Show the previous 12")."""
        if self.page < 2:
            return 0
        start, end = self.pages.span(self.sort, self.page - 1)
        return end - start

    @property
    def first_thread_number(self) -> int:
        return self.pages.span(self.sort, self.page)[0] + 1

    @property
    def threads_shown_through(self) -> int:
        """How many conversations pages 1..page hold together (for "50 of 296")."""
        return self.pages.span(self.sort, self.page)[1]

    @property
    def total_label(self) -> str:
        count = self.total_comments
        return f"{count:,} comment{'' if count == 1 else 's'}"


def comment_thread_pages(*, article_id: int, budget: int, per_page: int) -> ThreadPages:
    """Where the article's thread pages start and end (both sorts), from two narrow queries:
    the approved top-level comment ids in order and the approved reply count per conversation.
    Callers cache the result (thread.cache.thread_pages_cached)."""
    approved = Comment.objects.filter(article_id=article_id, status=Comment.Status.APPROVED)
    root_ids = list(
        approved.filter(parent__isnull=True)
        .order_by("submitted_at", "id")
        .values_list("pk", flat=True)
    )
    reply_counts = dict(
        approved.filter(root__isnull=False)
        .order_by()
        .values_list("root_id")
        .annotate(replies=Count("pk"))
    )
    return ThreadPages.build(root_ids, reply_counts, budget=budget, per_page=per_page)


def _on_this_page(comment, *, page: int, sort: str, first, bound) -> bool:
    """Whether a top-level comment outside the approved boundaries (the viewer's own held
    one) falls on this page: after the page's first conversation (page 1 is open at its
    start) and before the next page's first one (the last page is open at its end)."""
    key = (comment.submitted_at, comment.pk)
    after, before = (lambda a, b: a > b), (lambda a, b: a < b)
    if sort == "newest":
        after, before = before, after
    if page > 1 and first is not None and not after(key, (first.submitted_at, first.pk)):
        return False
    return bound is None or before(key, (bound.submitted_at, bound.pk))


def comment_thread_page(
    *,
    article,
    pages: ThreadPages,
    page: int = 1,
    sort: str = "oldest",
    max_depth: int,
    viewer_comment_ids=(),
) -> ThreadPage:
    """Page `page` (1..pages.page_count(sort)) of the article's conversations in `sort` order,
    each with all its visible replies, as cut by `pages` (comment_thread_pages). Two queries
    whatever the thread's size: the page's top-level comments and, through the `root` column,
    their replies. The viewer's own held comments show where they fall.

    Items are light named tuples of THREAD_FIELDS, not Comment instances: several times
    cheaper to build for a page of hundreds of comments.
    """
    newest_first = sort == "newest"
    root_ids = pages.page_root_ids(sort, page)
    bound_id = pages.next_page_first_id(sort, page)
    own_ids = list(viewer_comment_ids)
    # The next page's first conversation comes along (one row, no replies) only as the bound
    # for placing the viewer's own held conversations; anonymous readers do not need it.
    wanted_roots = root_ids + ([bound_id] if own_ids and bound_id is not None else []) + own_ids
    visible = _visible_to(own_ids)

    def fetch(queryset) -> list:
        # Two queries, not one with OR: SQLite then scans the whole article, not the page.
        queryset = queryset.filter(visible).order_by()  # build_thread orders them
        return list(queryset.values_list(*THREAD_FIELDS, named=True))

    rows = fetch(Comment.objects.filter(article=article, parent__isnull=True, pk__in=wanted_roots))
    replies_of = root_ids + own_ids
    rows += fetch(Comment.objects.filter(root_id__in=replies_of)) if replies_of else []

    on_page = set(root_ids)
    if own_ids:
        by_pk = {c.pk: c for c in rows}
        first = by_pk.get(root_ids[0]) if root_ids else None
        bound = by_pk.get(bound_id)
        on_page.update(
            c.pk
            for c in rows
            if c.parent_id is None
            and c.pk not in on_page
            and c.pk != bound_id
            and c.status != Comment.Status.APPROVED
            and _on_this_page(c, page=page, sort=sort, first=first, bound=bound)
        )
    comments = [c for c in rows if (c.pk if c.parent_id is None else c.root_id) in on_page]
    return ThreadPage(
        thread=build_thread(comments, max_depth=max_depth, newest_first=newest_first),
        page=page,
        sort=sort,
        pages=pages,
    )


def comment_page_number(*, comment: Comment, pages: ThreadPages) -> int:
    """The page (oldest-first order) that shows `comment`, cut as `pages` says. A comment in
    a conversation readers cannot see (the viewer's own held one) goes where it would fall:
    one count of the approved conversations before it."""
    root_id = comment.root_id or comment.pk
    found = pages.page_of_root(root_id)
    if found is not None:
        return found
    root = comment
    if comment.root_id is not None:
        root = Comment.objects.only("pk", "submitted_at").get(pk=comment.root_id)
    before = (
        Comment.objects.filter(
            article_id=comment.article_id, parent__isnull=True, status=Comment.Status.APPROVED
        )
        .filter(
            Q(submitted_at__lt=root.submitted_at)
            | Q(submitted_at=root.submitted_at, pk__lt=root.pk)
        )
        .count()
    )
    return pages.page_of_position(before)


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
