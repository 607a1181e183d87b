"""The thread part of the article page: which page and sort, from cache or freshly rendered.

The article page and the "Load more" fragment endpoint both call `thread_fragment_html`, so a
page of comments is the same HTML whichever way it is reached (and is cached once).
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from commentapp.querystring import parse_positive_int

from ..models import Comment
from ..selectors.threads import (
    comment_page_number,
    comment_thread_page,
    comment_thread_pages,
    comment_viewer_owns_any,
)
from ..session import own_comment_ids
from .cache import thread_fragment_cached, thread_pages_cached
from .paging import SORTS, ThreadPages
from .tree import thread_rows

MAX_PAGE = 100_000  # a bigger number is a made-up URL, not a page of comments


@dataclass(frozen=True, slots=True)
class ThreadRequest:
    page: int
    sort: str


def thread_request_from(query) -> ThreadRequest:
    """`?page=` and `?sort=` from the query string. A page that is not a positive number is a
    404 (a wrong link, not a server error); an unknown sort falls back to oldest first."""
    page = parse_positive_int(query.get("page", "1") or "1")
    if page is None or page > MAX_PAGE:
        raise Http404("No such page of comments.")
    sort = query.get("sort", SORTS[0])
    return ThreadRequest(page=page, sort=sort if sort in SORTS else SORTS[0])


def thread_pages(*, article_id: int, store: bool = True) -> ThreadPages:
    """The article's page boundaries (COMMENTS_PAGE_COMMENT_BUDGET comments or
    COMMENTS_THREADS_PER_PAGE conversations a page), cached with its rendered pages."""
    budget = settings.COMMENTS_PAGE_COMMENT_BUDGET
    per_page = settings.COMMENTS_THREADS_PER_PAGE
    return thread_pages_cached(
        article_id=article_id,
        budget=budget,
        per_page=per_page,
        store=store,
        compute=lambda: comment_thread_pages(
            article_id=article_id, budget=budget, per_page=per_page
        ),
    )


def thread_page_number(*, comment) -> int:
    """The page (oldest first) of the article page that shows `comment`: the same boundaries
    the pages themselves use. Reuses the ones a page render cached but stores none itself: a
    redirect right after posting should not pin boundaries no page has been rendered from."""
    pages = thread_pages(article_id=comment.article_id, store=False)
    return comment_page_number(comment=comment, pages=pages)


def thread_fragment_html(request, article, *, comments_open: bool) -> str:
    """The rendered comment thread for the page and sort in `request.GET`.

    Readers share one cached copy per article, page, sort and open/closed state. A reader who
    wrote a comment here (held ones show to them alone; their own get edit/delete links) gets
    the thread rendered for them, uncached, and that copy never reaches anyone else.
    """
    wanted = thread_request_from(request.GET)
    own_ids = own_comment_ids(request)
    user = getattr(request, "user", None)
    personal = comment_viewer_owns_any(article=article, viewer_comment_ids=own_ids, user=user)

    def render(viewer_comment_ids=(), owner=None) -> str:
        pages = thread_pages(article_id=article.pk)
        if wanted.page > pages.page_count(wanted.sort):
            raise Http404("No such page of comments.")
        thread_page = comment_thread_page(
            article=article,
            pages=pages,
            page=wanted.page,
            sort=wanted.sort,
            max_depth=settings.COMMENTS_MAX_DEPTH,
            viewer_comment_ids=viewer_comment_ids,
        )
        context = {
            "article": article,
            "article_url": article.get_absolute_url(),
            "thread_page": thread_page,
            "rows": thread_rows(
                thread_page.thread,
                comments_open=comments_open,
                urls=_url_patterns(),
                owner_controls=owner,
            ),
            "comments_open": comments_open,
        }
        return render_to_string("comments/thread.html", context)

    if personal:
        return render(own_ids, owner=_OwnerControls(user, own_ids, comments_open))
    return thread_fragment_cached(
        article_id=article.pk,
        page=wanted.page,
        sort=wanted.sort,
        comments_open=comments_open,
        render=render,
    )


def _url_patterns() -> dict[str, str]:
    """Per-comment URLs as format strings: reversing a URL per comment would cost more than
    rendering the comment."""
    marker = "2147483647"
    patterns = {}
    for name in ("report", "edit", "delete"):
        try:
            patterns[name] = reverse(f"comments:{name}", args=[int(marker)]).replace(marker, "{}")
        except NoReverseMatch:  # that feature is not installed: no link
            patterns[name] = ""
    return patterns


class _OwnerControls:
    """Which of the viewer's own comments get "Edit" and "Delete" links (same rules as the
    editing service, which checks them again on the request itself)."""

    def __init__(self, user, session_ids, comments_open: bool):
        try:
            from ..services.editing import EDITABLE_STATUSES, comment_is_owned
        except ImportError:  # editing not installed: no owner links
            EDITABLE_STATUSES, comment_is_owned = frozenset(), lambda **kwargs: False

        self._owned = comment_is_owned
        self._editable_statuses = EDITABLE_STATUSES
        self.user = user
        self.session_ids = frozenset(session_ids)
        self.comments_open = comments_open
        self.edit_after = timezone.now() - settings.COMMENTS_EDIT_WINDOW

    def __call__(self, comment) -> tuple[bool, bool]:
        """(may edit, may delete) for one comment row."""
        if comment.deleted_at is not None or comment.status == Comment.Status.REMOVED:
            return False, False
        if not self._owned(comment=comment, user=self.user, session_comment_ids=self.session_ids):
            return False, False
        editable = (
            self.comments_open
            and comment.status in self._editable_statuses
            and comment.submitted_at >= self.edit_after
        )
        return editable, True
