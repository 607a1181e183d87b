"""Build the display order of a comment thread in Python, from one flat list.

The template renders the thread as nested lists in a single loop (no recursive include), so each
item carries how many lists to open or close after it. That keeps rendering linear in the number
of comments and the query count constant.
"""

from collections import defaultdict
from dataclasses import dataclass, field


@dataclass(slots=True)
class ThreadItem:
    comment: object
    depth: int
    reply_count: int = 0  # direct replies shown
    closes: range = field(default_factory=lambda: range(0))  # nested lists to close after it
    can_reply: bool = True

    @property
    def has_replies(self) -> bool:
        return self.reply_count > 0


@dataclass(slots=True)
class Thread:
    items: list[ThreadItem]
    top_level_count: int

    @property
    def comment_count(self) -> int:
        return len(self.items)


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
        items.append(
            ThreadItem(
                comment=comment,
                depth=depth,
                reply_count=len(children),
                can_reply=depth + 1 < max_depth,
            )
        )
        stack.extend((child, depth + 1) for child in reversed(children))

    # After an item without replies, close one nested list per level the next item climbs.
    for index, item in enumerate(items):
        if item.has_replies:
            continue
        next_depth = items[index + 1].depth if index + 1 < len(items) else 0
        item.closes = range(item.depth - next_depth)
    return Thread(items=items, top_level_count=len(roots))
