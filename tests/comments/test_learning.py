"""Moderators teach the filter: their spam / not-spam decisions change later verdicts."""

import pytest

from commentapp import spam
from commentapp.comments.models import Comment, SpamModelVersion
from commentapp.comments.services import comment_create
from commentapp.comments.services.learning import spam_model_cache_clear
from commentapp.comments.services.moderation import comment_mark_not_spam, comment_mark_spam
from commentapp.comments.tasks import retrain_spam_model_task
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

POKER = [
    "The Riverside Poker Club meets on Thursdays, weekly tournaments and cash prizes",
    "Riverside Poker Club tournaments every week, cash prizes for beginners",
    "Join Riverside Poker Club for weekly cash tournaments, beginners welcome",
]
NEW_POKER = (
    "The Riverside Poker Club meets on Thursdays, weekly tournaments and cash prizes, "
    "beginners welcome"
)


@pytest.fixture
def post(article, django_capture_on_commit_callbacks):
    def post(body, n, on=None):
        with django_capture_on_commit_callbacks(execute=True):
            comment = comment_create(
                article=on or article,
                body=body,
                name=f"Reader {n}",
                email=f"reader{n}@example.net",
            )
        comment.refresh_from_db()
        return comment

    return post


def test_marking_spam_retrains_and_catches_a_similar_new_comment(
    post, moderator, django_capture_on_commit_callbacks
):
    before = post(NEW_POKER + ".", 0)
    assert before.status == Comment.Status.APPROVED  # the shipped model lets it through
    shipped_version = spam.load_default_model().version
    assert before.spam_model_version == shipped_version

    with django_capture_on_commit_callbacks(execute=True):
        for n, text in enumerate(POKER, start=1):
            comment_mark_spam(comment=post(text, n), actor=moderator)

    site_model = SpamModelVersion.objects.get()
    assert site_model.example_count == 3
    after = post(NEW_POKER + "!", 9)
    assert after.spam_model_version == site_model.version != shipped_version
    assert after.status != Comment.Status.APPROVED
    assert any(r["phase"] == "model" for r in after.spam_reasons)


def test_marking_not_spam_keeps_a_genuine_comment_approved_afterwards(
    post, moderator, author, django_capture_on_commit_callbacks
):
    text = "Subscribe to the council newsletter to get the roadworks schedule every week"
    first = post(text, 1)
    assert first.status != Comment.Status.APPROVED  # a false positive of the shipped model
    with django_capture_on_commit_callbacks(execute=True):
        comment_mark_not_spam(comment=first, actor=moderator)
    assert Comment.objects.get(pk=first.pk).status == Comment.Status.APPROVED
    # On another article: on the same one it would (rightly) be a copy of reader 1's comment.
    again = post(text + " - very useful", 2, on=ArticleFactory(authors=[author]))
    assert again.spam_model_version == SpamModelVersion.objects.get().version
    assert again.status == Comment.Status.APPROVED


def test_a_site_model_built_on_an_older_shipped_model_is_not_used(post):
    # After a deploy with a new shipped model (perhaps new features: this blob does not load),
    # comments are scored by the new shipped model, not by the stale site model.
    SpamModelVersion.objects.create(
        version="lr-20200101-000000+site.3.abcdef", data=b"old features", example_count=3
    )
    comment = post("Thanks, the planting map is really useful.", 1)
    assert comment.spam_model_version == spam.load_default_model().version
    assert comment.status == Comment.Status.APPROVED


def test_the_periodic_retrain_rebuilds_moderators_corrections_on_a_new_shipped_model(
    post, moderator, django_capture_on_commit_callbacks, settings
):
    with django_capture_on_commit_callbacks(execute=True):
        for n, text in enumerate(POKER, start=1):
            comment_mark_spam(comment=post(text, n), actor=moderator)
    # A deploy ships a new model: the site model built on the old one no longer applies.
    SpamModelVersion.objects.update(version="lr-20200101-000000+site.3.old")
    spam_model_cache_clear()
    assert post(NEW_POKER + ".", 8).status == Comment.Status.APPROVED  # corrections not applied

    assert "comments.retrain_spam_model" in {
        entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
    with django_capture_on_commit_callbacks(execute=True):
        retrain_spam_model_task.delay()
    after = post(NEW_POKER + "!", 9)
    assert after.spam_model_version.startswith(spam.load_default_model().version + "+site.")
    assert after.status != Comment.Status.APPROVED


def test_a_site_model_that_does_not_load_falls_back_to_the_shipped_one(post, caplog):
    shipped = spam.load_default_model().version
    SpamModelVersion.objects.create(
        version=f"{shipped}+site.1.broken", data=b"truncated", example_count=1
    )
    comment = post("Thanks, the planting map is really useful.", 1)
    assert comment.spam_model_version == shipped
    assert comment.status == Comment.Status.APPROVED
    assert "does not load" in caplog.text
