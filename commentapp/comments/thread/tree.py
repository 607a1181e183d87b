"""Build the display order of a comment thread in Python, from one flat list.

The template renders the thread as nested lists in a single loop (no recursive include), so each
item carries the markup that closes the lists it ends. That keeps rendering linear in the number
of comments and the query count constant. Per-comment strings the template would otherwise
compute with filters (the time, twice) are computed here once: on a big page the `date` filter
alone costs more than the rest of the loop.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

# A comment with at least this many replies below it gets a "Hide replies" toggle.
COLLAPSE_MIN_DESCENDANTS = 3

CLOSE_PLAIN = "</ol></li>"
CLOSE_COLLAPSIBLE = "</ol></details></li>"
OPEN_PLAIN = '<ol class="replies list-unstyled">'
OPEN_COLLAPSIBLE = (
    '<details class="replies-toggle" open><summary><span class="when-open">Hide replies</span>'
    '<span class="when-closed">Show {} replies</span></summary>' + OPEN_PLAIN
)
DELETED_HTML = mark_safe('<p class="text-muted">[deleted]</p>')


@dataclass(slots=True)
class ThreadItem:
    comment: object
    depth: int
    reply_count: int = 0  # direct replies shown
    descendant_count: int = 0  # all replies shown below it, at any depth
    closes: tuple[str, ...] = ()  # markup closing each nested list this item ends
    can_reply: bool = True
    time_iso: str = ""
    time_label: str = ""

    @property
    def has_replies(self) -> bool:
        return self.reply_count > 0

    @property
    def collapsible(self) -> bool:
        return self.descendant_count >= COLLAPSE_MIN_DESCENDANTS

    @property
    def closing_html(self) -> str:
        return mark_safe("".join(self.closes))  # noqa: S308 (fixed markup, no reader text)

    @property
    def after_html(self) -> SafeString:
        """What follows the comment's card: its replies list opening, or its own `</li>` and
        the lists it ends."""
        if not self.has_replies:
            return mark_safe("</li>" + "".join(self.closes))  # noqa: S308 (fixed markup)
        if self.collapsible:
            return format_html(OPEN_COLLAPSIBLE, self.descendant_count)
        return mark_safe(OPEN_PLAIN)  # noqa: S308 (fixed markup)


@dataclass(slots=True)
class Thread:
    items: list[ThreadItem]
    top_level_count: int

    @property
    def comment_count(self) -> int:
        return len(self.items)


def _time_strings(when) -> tuple[str, str]:
    if when is None:
        return "", ""
    local = timezone.localtime(when) if timezone.is_aware(when) else when
    return local.isoformat(), f"{local.day} {local:%b %Y, %H:%M}"


def build_thread(comments, *, max_depth: int, newest_first: bool = False) -> Thread:
    """Order `comments` (any order) depth-first: each top-level comment followed by its replies.

    Replies are always oldest first (a conversation reads forwards); `newest_first` orders the
    top-level comments only. A reply whose parent is not in the list (removed, or not yet
    approved) is not shown: it would be an answer to nothing.
    """
    by_parent: dict[int | None, list] = defaultdict(list)
    present = {c.pk for c in comments}
    for comment in sorted(comments, key=lambda c: (c.submitted_at, c.pk)):
        if comment.parent_id is None or comment.parent_id in present:
            by_parent[comment.parent_id].append(comment)

    roots = by_parent.get(None, [])
    if newest_first:
        roots = list(reversed(roots))

    items: list[ThreadItem] = []
    stack = [(c, 0) for c in reversed(roots)]
    while stack:
        comment, depth = stack.pop()
        children = by_parent.get(comment.pk, [])
        time_iso, time_label = _time_strings(comment.submitted_at)
        items.append(
            ThreadItem(
                comment=comment,
                depth=depth,
                reply_count=len(children),
                can_reply=depth + 1 < max_depth,
                time_iso=time_iso,
                time_label=time_label,
            )
        )
        stack.extend((child, depth + 1) for child in reversed(children))

    # Items are in depth-first order, so an item's descendants are the run of deeper items
    # right after it: one backwards pass with a stack of open ancestors counts them.
    open_items: list[ThreadItem] = []
    for item in reversed(items):
        while open_items and open_items[-1].depth > item.depth:
            child = open_items.pop()
            item.descendant_count += 1 + child.descendant_count
        open_items.append(item)

    # After an item without replies, close one nested list per level the next item climbs;
    # a level opened by a collapsible ancestor also closes its <details>.
    ancestors: list[ThreadItem] = []
    for index, item in enumerate(items):
        del ancestors[item.depth :]
        if item.has_replies:
            ancestors.append(item)
            continue
        next_depth = items[index + 1].depth if index + 1 < len(items) else 0
        closing = ancestors[next_depth:]
        item.closes = tuple(
            CLOSE_COLLAPSIBLE if opener.collapsible else CLOSE_PLAIN for opener in reversed(closing)
        )
    return Thread(items=items, top_level_count=len(roots))


def thread_rows(
    thread: Thread,
    *,
    comments_open: bool,
    urls: dict[str, str],
    owner_controls=None,
    approved: str = "approved",
) -> list[dict]:
    """One flat dict per comment with exactly what the template prints.

    The template engine resolves `row.key` on a dict with one lookup, where `item.comment.attr`
    costs a failed item lookup (an exception) and an attribute lookup per level; with ~20
    values per comment that is most of a big page's render time. Escaping stays in the template
    (names are printed with autoescape); only the stored, sanitized body is marked safe.
    `urls` maps "report", "edit", "delete" to format strings taking the pk; `owner_controls`
    (personal renders only) answers (may edit, may delete) for a comment.
    """
    report_url, edit_url, delete_url = urls["report"], urls["edit"], urls["delete"]
    rows = []
    for item in thread.items:
        c = item.comment
        deleted = c.deleted_at is not None
        can_edit, can_delete = owner_controls(c) if owner_controls else (False, False)
        rows.append(
            {
                "pk": c.pk,
                "depth": item.depth,
                "author": c.is_author_reply,
                "name": c.name,
                "time_iso": item.time_iso,
                "time_label": item.time_label,
                "held": c.status != approved,
                "edited": c.edited_at is not None and not deleted,
                "body": DELETED_HTML if deleted else mark_safe(c.body_html),  # noqa: S308
                "reply": comments_open and item.can_reply and c.status == approved and not deleted,
                "after": item.after_html,
                "report_url": report_url.format(c.pk)
                if report_url and c.status == approved and not deleted
                else "",
                "edit_url": edit_url.format(c.pk) if can_edit and edit_url else "",
                "delete_url": delete_url.format(c.pk) if can_delete and delete_url else "",
            }
        )
    return rows
