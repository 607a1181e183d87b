"""Big threads on the article page: pages of conversations, sort, load more, permalinks."""

import re
from datetime import UTC, datetime, timedelta

import pytest

from commentapp.comments.models import Comment
from commentapp.comments.session import SESSION_KEY
from tests.factories import CommentFactory

BASE = datetime(2025, 1, 1, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _small_pages(settings):
    settings.COMMENTS_THREADS_PER_PAGE = 3


def make_thread(article, minute, replies=0, **kwargs):
    """A top-level comment at BASE + minute, with a chain of `replies` below it."""
    root = CommentFactory(article=article, submitted_at=BASE + timedelta(minutes=minute), **kwargs)
    parent = root
    for n in range(replies):
        parent = CommentFactory(
            article=article,
            parent=parent,
            submitted_at=BASE + timedelta(minutes=minute, seconds=n + 1),
        )
    return root


def comment_ids(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<li id="comment-(\d+)"', html)]


def page(client, article, query=""):
    response = client.get(article.get_absolute_url() + query)
    assert response.status_code == 200
    return response.content.decode()


def test_first_page_shows_the_first_threads_with_all_their_replies(client, article):
    roots = [make_thread(article, minute, replies=2) for minute in range(5)]
    html = page(client, article)
    shown = comment_ids(html)
    assert [r.pk for r in roots[:3]] == [pk for pk in shown if pk in {r.pk for r in roots}]
    assert len(shown) == 9  # three conversations of three comments
    assert "15 comments" in html
    assert "in 5 conversations" in html
    assert f'href="{article.get_absolute_url()}?page=2#comments"' in html
    assert "Load more comments" in html


def test_load_more_link_leads_to_the_next_page_without_javascript(client, article):
    roots = [make_thread(article, minute) for minute in range(5)]
    html = page(client, article, "?page=2")
    assert comment_ids(html) == [roots[3].pk, roots[4].pk]
    assert "Load more comments" not in html
    assert "Show the previous 3 conversations" in html


def test_fragment_endpoint_returns_one_page_for_the_script(client, article):
    roots = [make_thread(article, minute) for minute in range(5)]
    response = client.get(f"/articles/{article.slug}/comments/?page=2")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert comment_ids(html) == [roots[3].pk, roots[4].pk]
    first = page(client, article)
    assert f'data-fragment-url="/articles/{article.slug}/comments/?page=2"' in first


def test_newest_first_orders_conversations_but_not_replies(client, article):
    old = make_thread(article, 0, replies=1)
    new = make_thread(article, 10)
    html = page(client, article, "?sort=newest")
    ids = comment_ids(html)
    assert ids[0] == new.pk
    assert ids.index(old.pk) < ids.index(old.pk + 1)  # the reply still follows its parent
    assert "sort=newest&amp;page=2" not in html  # only two conversations: one page


def test_newest_sort_keeps_its_order_on_the_next_page(client, article):
    roots = [make_thread(article, minute) for minute in range(5)]
    first = page(client, article, "?sort=newest")
    assert comment_ids(first) == [roots[4].pk, roots[3].pk, roots[2].pk]
    assert "?sort=newest&amp;page=2#comments" in first
    assert comment_ids(page(client, article, "?sort=newest&page=2")) == [roots[1].pk, roots[0].pk]


@pytest.mark.parametrize("query", ["?page=abc", "?page=0", "?page=-1", "?page=99", "?page=1e9"])
def test_a_page_that_does_not_exist_is_a_404(client, article, query):
    make_thread(article, 0)
    assert client.get(article.get_absolute_url() + query).status_code == 404


def test_unknown_sort_falls_back_to_oldest_first(client, article):
    roots = [make_thread(article, minute) for minute in range(2)]
    assert comment_ids(page(client, article, "?sort=%3Cscript%3E")) == [r.pk for r in roots]


def test_permalink_to_a_comment_on_a_later_page_opens_that_page(client, article):
    roots = [make_thread(article, minute, replies=1) for minute in range(7)]
    reply = Comment.objects.get(parent=roots[6])
    response = client.get(f"/comments/{reply.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}?page=3#comment-{reply.pk}"
    assert reply.pk in comment_ids(page(client, article, "?page=3"))
    first = client.get(f"/comments/{roots[0].pk}/")
    assert first["Location"] == f"{article.get_absolute_url()}#comment-{roots[0].pk}"


def own(client, *comments) -> None:
    """Mark comments as posted from this browser (what the posting view does)."""
    session = client.session
    session[SESSION_KEY] = [c.pk for c in comments]
    session.save()


def conversations(html: str, roots) -> list[int]:
    """The top-level comments `html` shows, of `roots`."""
    wanted = {r.pk for r in roots}
    return [pk for pk in comment_ids(html) if pk in wanted]


def test_a_page_ends_before_the_conversation_that_would_pass_the_comment_budget(
    client, article, settings
):
    settings.COMMENTS_THREADS_PER_PAGE = 50
    settings.COMMENTS_PAGE_COMMENT_BUDGET = 6
    # Conversations of 3, 3, 2, 4 comments: 3+3 fills a page exactly, 2+4 the next one.
    roots = [make_thread(article, m, replies=r) for m, r in enumerate([2, 2, 1, 3])]
    first, second = page(client, article), page(client, article, "?page=2")
    assert conversations(first, roots) == [roots[0].pk, roots[1].pk]
    assert len(comment_ids(first)) == 6
    assert conversations(second, roots) == [roots[2].pk, roots[3].pk]
    assert len(comment_ids(second)) == 6
    assert "Load more comments" not in second
    assert "Show the previous 2 conversations" in second
    assert "12 comments" in first and "in 4 conversations" in first
    assert "Conversations 1\N{EN DASH}2 of 4" in first


def test_a_conversation_is_never_split_across_pages(client, article, settings):
    settings.COMMENTS_THREADS_PER_PAGE = 50
    settings.COMMENTS_PAGE_COMMENT_BUDGET = 5
    roots = [make_thread(article, m, replies=r) for m, r in enumerate([2, 2, 2])]
    pages = [page(client, article, f"?page={n}") for n in (1, 2, 3)]
    for root, html in zip(roots, pages, strict=True):
        conversation = set(Comment.objects.filter(root=root).values_list("pk", flat=True)) | {
            root.pk
        }
        assert set(comment_ids(html)) == conversation  # 3 + 3 > 5: one conversation a page
    assert client.get(article.get_absolute_url() + "?page=4").status_code == 404


def test_a_page_stops_at_the_conversation_limit_under_the_budget(client, article, settings):
    settings.COMMENTS_THREADS_PER_PAGE = 2
    settings.COMMENTS_PAGE_COMMENT_BUDGET = 500
    roots = [make_thread(article, m) for m in range(5)]
    assert conversations(page(client, article), roots) == [roots[0].pk, roots[1].pk]
    assert conversations(page(client, article, "?page=3"), roots) == [roots[4].pk]


@pytest.mark.parametrize(
    ("sizes", "pages"),
    [
        ([9, 1, 1], [[0], [1, 2]]),  # nine comments, more than twice the budget
        ([1, 9, 1], [[0], [1], [2]]),
    ],
)
def test_a_conversation_bigger_than_the_budget_gets_a_page_of_its_own(
    client, article, settings, sizes, pages
):
    settings.COMMENTS_THREADS_PER_PAGE = 50
    settings.COMMENTS_PAGE_COMMENT_BUDGET = 4
    roots = [make_thread(article, m, replies=size - 1) for m, size in enumerate(sizes)]
    for number, expected in enumerate(pages, start=1):
        html = page(client, article, f"?page={number}")
        assert conversations(html, roots) == [roots[i].pk for i in expected]
        assert len(comment_ids(html)) == sum(sizes[i] for i in expected)
    last = f"?page={len(pages) + 1}"
    assert client.get(article.get_absolute_url() + last).status_code == 404


def test_newest_first_pages_are_cut_from_the_newest_end(client, article, settings):
    settings.COMMENTS_THREADS_PER_PAGE = 50
    settings.COMMENTS_PAGE_COMMENT_BUDGET = 4
    # Sizes 3, 1, 2, 2: oldest first pages [3, 1] [2, 2]; newest first [2, 2] [1, 3].
    roots = [make_thread(article, m, replies=r) for m, r in enumerate([2, 0, 1, 1])]
    assert conversations(page(client, article, "?sort=newest"), roots) == [
        roots[3].pk,
        roots[2].pk,
    ]
    second = page(client, article, "?sort=newest&page=2")
    assert conversations(second, roots) == [roots[1].pk, roots[0].pk]
    assert len(comment_ids(second)) == 4


def test_permalink_follows_the_comment_budget_to_a_later_page(client, article, settings):
    settings.COMMENTS_THREADS_PER_PAGE = 50
    settings.COMMENTS_PAGE_COMMENT_BUDGET = 4
    roots = [make_thread(article, m, replies=r) for m, r in enumerate([3, 0, 2, 1])]
    # Pages: [4 comments] [1 + 3] [2].
    reply = Comment.objects.filter(root=roots[3]).get()
    page(client, article)  # boundaries cached by a page render are the ones followed
    response = client.get(f"/comments/{reply.pk}/")
    assert response["Location"] == f"{article.get_absolute_url()}?page=3#comment-{reply.pk}"
    assert reply.pk in comment_ids(page(client, article, "?page=3"))
    deep = Comment.objects.filter(root=roots[2]).order_by("-depth").first()
    response = client.get(f"/comments/{deep.pk}/")
    assert response["Location"] == f"{article.get_absolute_url()}?page=2#comment-{deep.pk}"


def test_own_held_conversation_shows_where_it_falls_for_its_poster(client, article):
    roots = [make_thread(article, m) for m in range(5)]  # three conversations a page
    held = make_thread(article, 10, status=Comment.Status.HELD)
    own(client, held)
    assert held.pk not in comment_ids(page(client, article))
    assert conversations(page(client, article, "?page=2"), [*roots, held]) == [
        roots[3].pk,
        roots[4].pk,
        held.pk,
    ]
    assert comment_ids(page(client, article, "?sort=newest"))[0] == held.pk
    assert held.pk not in comment_ids(page(client, article, "?sort=newest&page=2"))
    response = client.get(f"/comments/{held.pk}/")
    assert response["Location"] == f"{article.get_absolute_url()}?page=2#comment-{held.pk}"


def test_own_held_reply_shows_in_its_conversation_on_a_later_page(client, article):
    roots = [make_thread(article, m) for m in range(5)]
    reply = CommentFactory(
        article=article,
        parent=roots[4],
        status=Comment.Status.HELD,
        submitted_at=BASE + timedelta(minutes=20),
    )
    own(client, reply)
    html = page(client, article, "?page=2")
    assert comment_ids(html) == [roots[3].pk, roots[4].pk, reply.pk]
    assert "Awaiting moderation" in html
    assert reply.pk not in comment_ids(page(client, article))


def test_permalink_to_a_hidden_comment_is_a_404(client, article):
    held = make_thread(article, 0, status=Comment.Status.HELD)
    assert client.get(f"/comments/{held.pk}/").status_code == 404


def test_long_sub_threads_can_be_collapsed_and_start_open(client, article):
    make_thread(article, 0, replies=3)
    make_thread(article, 5, replies=1)
    html = page(client, article)
    # Only the first conversation (three replies below its top comment) is long enough.
    assert html.count('<details class="replies-toggle" open>') == 1
    assert "Show 3 replies" in html
    assert html.count("<details") == html.count("</details>")
    assert html.count("<ol") == html.count("</ol>")


def test_own_held_comment_shows_for_its_poster_only(client, article):
    make_thread(article, 0)
    held = make_thread(article, 1, status=Comment.Status.HELD)
    session = client.session
    session[SESSION_KEY] = [held.pk]
    session.save()
    mine = page(client, article)
    assert held.pk in comment_ids(mine)
    assert "Awaiting moderation" in mine

    from django.test import Client

    other = Client().get(article.get_absolute_url()).content.decode()
    assert held.pk not in comment_ids(other)
    assert "Awaiting moderation" not in other


def test_script_is_external_and_thread_needs_no_inline_js(client, article):
    make_thread(article, 0)
    html = page(client, article)
    assert re.search(r'<script[^>]+src="/static/js/thread\.js"', html)
    assert "onclick" not in html
