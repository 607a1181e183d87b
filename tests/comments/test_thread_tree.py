"""The display order of a thread, built in Python from one flat list."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from commentapp.comments.thread.tree import build_thread

BASE = datetime(2025, 1, 1, tzinfo=UTC)


@dataclass
class Row:
    pk: int
    parent_id: int | None

    @property
    def submitted_at(self):
        return BASE + timedelta(minutes=self.pk)


def test_depth_first_order_with_replies_under_their_parent():
    rows = [Row(1, None), Row(2, None), Row(3, 1), Row(4, 3), Row(5, 1), Row(6, 2)]
    thread = build_thread(rows, max_depth=4)
    assert [(i.comment.pk, i.depth) for i in thread.items] == [
        (1, 0),
        (3, 1),
        (4, 2),
        (5, 1),
        (2, 0),
        (6, 1),
    ]
    assert thread.top_level_count == 2


def test_nested_lists_open_and_close_balanced():
    rows = [Row(1, None), Row(2, 1), Row(3, 2), Row(4, 3), Row(5, None)]
    thread = build_thread(rows, max_depth=4)
    opened = sum(1 for i in thread.items if i.has_replies)
    closed = sum(len(i.closes) for i in thread.items)
    assert opened == closed == 3
    assert len(thread.items[3].closes) == 3  # the deepest reply closes all three levels


def test_no_reply_link_at_the_deepest_level():
    rows = [Row(1, None), Row(2, 1), Row(3, 2), Row(4, 3)]
    thread = build_thread(rows, max_depth=4)
    assert [i.can_reply for i in thread.items] == [True, True, True, False]


def test_reply_to_a_hidden_comment_is_not_shown():
    rows = [Row(1, None), Row(3, 2)]  # 2 was removed
    assert [i.comment.pk for i in build_thread(rows, max_depth=4).items] == [1]


def test_newest_first_orders_top_level_only():
    rows = [Row(1, None), Row(2, 1), Row(3, 1), Row(4, None)]
    items = build_thread(rows, max_depth=4, newest_first=True).items
    assert [i.comment.pk for i in items] == [4, 1, 2, 3]


def test_descendant_counts_and_collapsible_sub_threads_close_their_details():
    rows = [Row(1, None), Row(2, 1), Row(3, 2), Row(4, 2), Row(5, 1), Row(6, None)]
    items = build_thread(rows, max_depth=4).items
    assert [(i.comment.pk, i.descendant_count) for i in items] == [
        (1, 4),
        (2, 2),
        (3, 0),
        (4, 0),
        (5, 0),
        (6, 0),
    ]
    assert [i.collapsible for i in items] == [True, False, False, False, False, False]
    # 4 ends comment 2's plain list; 5 ends comment 1's list, opened inside a <details>.
    assert items[3].closing_html == "</ol></li>"
    assert items[4].closing_html == "</ol></details></li>"


def test_times_are_formatted_once_in_python():
    item = build_thread([Row(61, None)], max_depth=4).items[0]
    assert item.time_iso == "2025-01-01T01:01:00+00:00"
    assert item.time_label == "1 Jan 2025, 01:01"
