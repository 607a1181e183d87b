"""Page boundaries: whole conversations up to a comment budget or a conversation limit."""

import pytest

from commentapp.comments.thread.paging import ThreadPages, page_starts


@pytest.mark.parametrize(
    ("sizes", "budget", "per_page", "starts"),
    [
        ([], 500, 50, (0,)),  # no conversation: still a page 1
        ([3, 3, 3], 6, 50, (0, 2)),  # exactly at the budget: the page takes it
        ([3, 3, 1], 5, 50, (0, 1)),  # the next one would pass it: new page
        ([1, 9, 1], 4, 50, (0, 1, 2)),  # bigger than the budget: a page of its own
        ([9, 1, 1], 4, 50, (0, 1)),
        ([1] * 7, 500, 3, (0, 3, 6)),  # the conversation limit
    ],
)
def test_page_starts(sizes, budget, per_page, starts):
    assert page_starts(sizes, budget=budget, per_page=per_page) == starts


def test_pages_in_both_sorts_and_the_page_of_a_conversation():
    pages = ThreadPages.build([10, 20, 30, 40], {10: 2, 30: 1}, budget=3, per_page=50)
    # Sizes 3, 1, 2, 1 oldest first.
    assert pages.total_comments == 7 and pages.total_threads == 4
    assert [pages.page_root_ids("oldest", n) for n in (1, 2, 3)] == [[10], [20, 30], [40]]
    assert [pages.page_root_ids("newest", n) for n in (1, 2, 3)] == [[40, 30], [20], [10]]
    assert pages.next_page_first_id("oldest", 1) == 20
    assert pages.next_page_first_id("oldest", 3) is None
    assert [pages.page_of_root(pk) for pk in (10, 20, 30, 40, 99)] == [1, 2, 2, 3, None]
    assert pages.page_of_root(10, "newest") == 3
    # A conversation outside the boundaries goes on the page of the one just before it.
    assert [pages.page_of_position(n) for n in (0, 1, 2, 3, 4)] == [1, 1, 2, 2, 3]
