"""Where each page of a thread starts and ends (plain Python, no queries).

A page holds whole conversations (a top-level comment with all its replies), consecutive in the
chosen sort, until the next one would take it past a budget of comments or the page already has
the maximum number of conversations. A conversation is never split across pages, so a single
conversation bigger than the budget gets a page of its own. Pages are cut from the approved
comments only, so every reader (and the permalink view) agrees on them and they can be cached
with the rendered pages; a viewer's own held comments ride along on the page where they fall.
"""

from bisect import bisect_right
from dataclasses import dataclass

SORTS = ("oldest", "newest")


def page_starts(sizes, *, budget: int, per_page: int) -> tuple[int, ...]:
    """Index of each page's first conversation, for conversations of `sizes` comments in
    display order. There is always a page 1, even with no conversation at all."""
    starts = []
    conversations = comments = 0
    for index, size in enumerate(sizes):
        if conversations and (conversations >= per_page or comments + size > budget):
            conversations = comments = 0
        if not conversations:
            starts.append(index)
        conversations += 1
        comments += size
    return tuple(starts) or (0,)


@dataclass(frozen=True, slots=True)
class ThreadPages:
    """The page boundaries of one article's thread in both sorts. Small (two ints per
    conversation), picklable, cached beside the rendered pages under the same version key."""

    root_ids: tuple[int, ...]  # approved top-level comments, oldest first
    starts: dict  # sort -> index of each page's first conversation in that sort's order
    total_comments: int  # approved comments on the article

    @classmethod
    def build(cls, root_ids, reply_counts: dict, *, budget: int, per_page: int) -> "ThreadPages":
        """`root_ids` oldest first; `reply_counts` maps a root id to its approved replies."""
        sizes = [1 + reply_counts.get(pk, 0) for pk in root_ids]
        return cls(
            root_ids=tuple(root_ids),
            starts={
                "oldest": page_starts(sizes, budget=budget, per_page=per_page),
                "newest": page_starts(sizes[::-1], budget=budget, per_page=per_page),
            },
            total_comments=len(root_ids) + sum(reply_counts.values()),
        )

    @property
    def total_threads(self) -> int:
        return len(self.root_ids)

    def page_count(self, sort: str) -> int:
        return len(self.starts[sort])

    def span(self, sort: str, page: int) -> tuple[int, int]:
        """[start, end) indexes of the page's conversations in the sort's order."""
        starts = self.starts[sort]
        end = starts[page] if page < len(starts) else len(self.root_ids)
        return starts[page - 1], end

    def ordered(self, sort: str) -> tuple[int, ...]:
        return self.root_ids[::-1] if sort == "newest" else self.root_ids

    def page_root_ids(self, sort: str, page: int) -> list[int]:
        start, end = self.span(sort, page)
        return list(self.ordered(sort)[start:end])

    def next_page_first_id(self, sort: str, page: int) -> int | None:
        """The conversation that opens the next page: the upper bound of this page."""
        _, end = self.span(sort, page)
        ordered = self.ordered(sort)
        return ordered[end] if end < len(ordered) else None

    def page_of_position(self, before: int, sort: str = "oldest") -> int:
        """The page for a conversation that comes after `before` approved ones in the sort's
        order (the page of the conversation just before it: pages are open at their end)."""
        return max(1, bisect_right(self.starts[sort], max(before - 1, 0)))

    def page_of_root(self, root_id: int, sort: str = "oldest") -> int | None:
        """The page holding the approved top-level comment `root_id`, None if it is not one."""
        try:
            index = self.ordered(sort).index(root_id)
        except ValueError:
            return None
        return bisect_right(self.starts[sort], index)
