"""The rendered-thread cache: shared copies for readers, never a stale page after a change."""

import re

import pytest
from django.test import Client

from commentapp.comments.models import AuditEvent, Comment
from commentapp.comments.services import comment_change_status, comment_create
from commentapp.comments.session import SESSION_KEY
from commentapp.comments.thread.cache import thread_cache_invalidate
from tests.factories import CommentFactory


def shown(client, article, query="") -> list[int]:
    response = client.get(article.get_absolute_url() + query)
    assert response.status_code == 200
    return [int(pk) for pk in re.findall(r'<li id="comment-(\d+)"', response.content.decode())]


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run after-commit hooks (cache invalidation) as a real commit would."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


def test_readers_share_the_cached_page(client, article, django_assert_max_num_queries):
    first = CommentFactory(article=article)
    assert shown(client, article) == [first.pk]
    # A row written behind the services' back (no hook called) is not seen: the page is cached.
    CommentFactory(article=article)
    assert shown(Client(), article) == [first.pk]
    thread_cache_invalidate(article_id=article.pk)
    assert len(shown(Client(), article)) == 2


def test_moderator_approval_shows_the_comment_at_once(client, article, author, on_commit):
    visible = CommentFactory(article=article)
    held = CommentFactory(article=article, status=Comment.Status.HELD)
    assert shown(client, article) == [visible.pk]
    on_commit(lambda: comment_change_status(comment=held, status=Comment.Status.APPROVED))
    assert shown(client, article) == [visible.pk, held.pk]


def test_moderator_removal_hides_the_comment_at_once(client, article, on_commit):
    keep = CommentFactory(article=article)
    spam = CommentFactory(article=article)
    assert shown(client, article) == [keep.pk, spam.pk]
    on_commit(
        lambda: comment_change_status(
            comment=spam, status=Comment.Status.REMOVED, action="removed by moderator"
        )
    )
    assert shown(client, article) == [keep.pk]
    assert shown(client, article, "?sort=newest") == [keep.pk]


def test_every_page_and_sort_is_invalidated_together(client, article, settings, on_commit):
    settings.COMMENTS_THREADS_PER_PAGE = 1
    first, second = CommentFactory(article=article), CommentFactory(article=article)
    assert shown(client, article, "?page=2") == [second.pk]
    assert shown(client, article, "?sort=newest") == [second.pk]
    on_commit(lambda: comment_change_status(comment=second, status=Comment.Status.HELD))
    assert shown(client, article, "?sort=newest") == [first.pk]
    assert client.get(article.get_absolute_url() + "?page=2").status_code == 404


def test_new_comment_approved_by_the_filter_appears(client, article, on_commit):
    old = CommentFactory(article=article)
    assert shown(client, article) == [old.pk]
    new = on_commit(
        lambda: comment_create(
            article=article,
            body="The east side needs trees too.",
            name="Ada",
            email="a@x.org",
            enqueue=False,
        )
    )
    assert shown(Client(), article) == [old.pk]  # pending: nobody else sees it yet
    on_commit(
        lambda: comment_change_status(
            comment=new,
            status=Comment.Status.APPROVED,
            actor_kind=AuditEvent.ActorKind.FILTER,
            action="classified",
        )
    )
    assert shown(Client(), article) == [old.pk, new.pk]


def test_own_held_comment_shows_for_its_poster_while_others_get_the_cached_page(client, article):
    public = CommentFactory(article=article)
    assert shown(Client(), article) == [public.pk]  # warms the cache
    held = CommentFactory(article=article, status=Comment.Status.HELD)
    session = client.session
    session[SESSION_KEY] = [held.pk]
    session.save()
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'id="comment-{held.pk}"' in page
    assert "Awaiting moderation" in page
    # ...and that personal render never reaches the shared copy.
    other = Client().get(article.get_absolute_url()).content.decode()
    assert f'id="comment-{held.pk}"' not in other
    assert "Awaiting moderation" not in other


def test_approval_that_moves_a_page_boundary_moves_it_at_once(client, article, settings, on_commit):
    settings.COMMENTS_PAGE_COMMENT_BUDGET = 2
    first, second = CommentFactory(article=article), CommentFactory(article=article)
    reply = CommentFactory(article=article, parent=first, status=Comment.Status.HELD)
    assert shown(client, article) == [first.pk, second.pk]  # 1 + 1 comments: one page
    on_commit(lambda: comment_change_status(comment=reply, status=Comment.Status.APPROVED))
    assert shown(client, article) == [first.pk, reply.pk]  # 2 + 1 > 2: two pages now
    assert shown(client, article, "?page=2") == [second.pk]
