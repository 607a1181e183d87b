"""The moderation queue as a moderator sees it: default view, filters, search, context."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commentapp.comments.models import Comment
from commentapp.comments.services import comment_change_status
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:comments_comment_changelist")
S = Comment.Status


def listed(response) -> set[int]:
    return {c.pk for c in response.context["cl"].result_list}


def test_queue_opens_on_what_needs_a_decision(moderator_client, article):
    held = CommentFactory(article=article, status=S.HELD)
    pending = CommentFactory(article=article, status=S.PENDING)
    reported = CommentFactory(article=article, status=S.APPROVED, report_count=1)
    CommentFactory(article=article, status=S.APPROVED)
    CommentFactory(article=article, status=S.SPAM)

    response = moderator_client.get(QUEUE)
    assert response.status_code == 200
    assert listed(response) == {held.pk, pending.pk, reported.pk}
    page = response.content.decode()
    assert "Needs a decision" in page and "?queue=all" in page

    assert len(listed(moderator_client.get(QUEUE + "?queue=all"))) == 5
    assert listed(moderator_client.get(QUEUE + "?queue=reported")) == {reported.pk}
    assert listed(moderator_client.get(QUEUE + "?queue=held")) == {held.pk}


def test_queue_shows_excerpt_article_commenter_score_reasons_and_reports(moderator_client, article):
    CommentFactory(
        article=article,
        status=S.HELD,
        name="Spammy Sam",
        email="sam@spam.example",
        ip_address="203.0.113.9",
        body="Cheap watches at example dot com " * 5,
        spam_score=0.73,
        spam_reasons=[{"phase": "links", "score": 1.5, "message": "Contains 3 links"}],
        report_count=2,
    )
    page = moderator_client.get(QUEUE).content.decode()
    for shown in (
        "Cheap watches at example dot com",
        article.title,
        "Spammy Sam",
        "sam@spam.example",
        "203.0.113.9",
        "0.73",
        "Contains 3 links",
        '<td class="field-report_count">2</td>',
    ):
        assert shown in page, shown


def test_filters_by_article_reason_author_reply_and_status(moderator_client, article, author):
    other = ArticleFactory()
    links = CommentFactory(
        article=article,
        status=S.HELD,
        spam_reasons=[{"phase": "links", "score": 1.0, "message": "Links"}],
    )
    garbled = CommentFactory(
        article=other,
        status=S.HELD,
        spam_reasons=[{"phase": "garbled_tokens", "score": 6.0, "message": "Garbled run"}],
    )
    reply = CommentFactory(article=article, status=S.APPROVED, user=author, is_author_reply=True)
    removed = CommentFactory(article=other, status=S.REMOVED)

    assert listed(moderator_client.get(f"{QUEUE}?article={other.pk}")) == {garbled.pk}
    assert listed(moderator_client.get(f"{QUEUE}?reason=links")) == {links.pk}
    assert listed(moderator_client.get(f"{QUEUE}?reason=garbled_tokens")) == {garbled.pk}
    author_replies = moderator_client.get(f"{QUEUE}?queue=all&is_author_reply__exact=1")
    assert listed(author_replies) == {reply.pk}
    assert listed(moderator_client.get(f"{QUEUE}?queue=removed")) == {removed.pk}
    assert listed(moderator_client.get(f"{QUEUE}?queue=all&score=none")) >= {removed.pk}


@pytest.mark.parametrize(
    ("query", "field"),
    [("violets", "body"), ("Quentin", "name"), ("quentin@", "email"), ("198.51.100.7", "ip")],
)
def test_search_by_text_name_email_ip(moderator_client, article, query, field):
    wanted = CommentFactory(
        article=article,
        status=S.HELD,
        name="Quentin Blake",
        email="quentin@example.org",
        ip_address="198.51.100.7",
        body="Plant violets under the lime trees.",
    )
    CommentFactory(article=article, status=S.HELD, ip_address="192.0.2.1")
    assert listed(moderator_client.get(QUEUE, {"q": query})) == {wanted.pk}


def test_queue_runs_a_constant_number_of_queries(moderator_client, article):
    """Same count for 10 and 300 comments (100 rows on the page): nothing is queried per row."""

    def count_for(total):
        Comment.objects.all().delete()
        articles = [ArticleFactory() for _ in range(3)]
        CommentFactory.create_batch(total, article=articles[0], status=S.HELD, report_count=1)
        with CaptureQueriesContext(connection) as queries:
            response = moderator_client.get(QUEUE)
        assert response.status_code == 200
        assert len(response.context["cl"].result_list) == min(total, 100)
        return len(queries)

    count_for(1)  # warm up: session, permissions caches
    assert count_for(10) == count_for(300)


def test_change_view_shows_thread_context_reasons_and_audit_log(moderator_client, article):
    CommentFactory(article=article, name="Early Bird", body="The first word.")
    parent = CommentFactory(article=article, name="Parent Pam", body="What about the drains?")
    held = CommentFactory(
        article=article,
        parent=parent,
        status=S.PENDING,
        body="Buy cheap watches now,1CV4J,76AWWL",
        spam_reasons=[{"phase": "garbled_tokens", "score": 6.0, "message": "Garbled run at end"}],
    )
    comment_change_status(
        comment=held, status=S.HELD, actor_kind="filter", action="classified", reason="score 0.7"
    )
    page = moderator_client.get(
        reverse("admin:comments_comment_change", args=[held.pk])
    ).content.decode()
    assert "Replying to" in page and "What about the drains?" in page and "Parent Pam" in page
    assert "Early Bird" in page and "The first word." in page
    assert "Garbled run at end" in page
    assert "classified" in page and "score 0.7" in page  # its audit event
    assert 'name="decision" value="approve"' in page
    assert 'value="Save"' not in page  # decisions only: nothing is edited behind the audit log


def test_dashboard_shows_counts_waiting_and_spam_caught_today(moderator_client, article):
    CommentFactory.create_batch(2, article=article, status=S.HELD)
    CommentFactory(article=article, status=S.PENDING)
    CommentFactory(article=article, status=S.APPROVED, report_count=1)
    caught = CommentFactory.create_batch(3, article=article, status=S.PENDING)
    for comment in caught:
        comment_change_status(comment=comment, status=S.SPAM, actor_kind="filter")

    with CaptureQueriesContext(connection) as queries:
        response = moderator_client.get(reverse("admin:index"))
    page = response.content.decode()
    assert '<td class="dashboard-held">2</td>' in page
    assert '<td class="dashboard-pending">1</td>' in page
    assert '<td class="dashboard-reported">1</td>' in page
    assert '<td class="dashboard-spam-today">3</td>' in page
    assert len(queries) <= 8


def test_authors_dashboard_counts_only_their_articles(author_client, article):
    CommentFactory(article=article, status=S.HELD)
    CommentFactory(article=ArticleFactory(), status=S.HELD)
    page = author_client.get(reverse("admin:index")).content.decode()
    assert '<td class="dashboard-held">1</td>' in page
