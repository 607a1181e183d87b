"""The beat sweeper re-queues comments the worker never classified (broker down, worker lost)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from commentapp.comments.models import Comment
from commentapp.comments.services.classification import comment_ids_stale_pending
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


def test_pending_comments_untouched_for_a_minute_are_requeued_once_stale():
    old = timezone.now() - timedelta(minutes=5)
    stale = CommentFactory(status=Comment.Status.PENDING, submitted_at=old)
    fresh = CommentFactory(status=Comment.Status.PENDING, submitted_at=old)
    decided = CommentFactory(status=Comment.Status.APPROVED, submitted_at=old)
    Comment.objects.filter(pk__in=[stale.pk, decided.pk]).update(updated_at=old)
    # `fresh` was posted long ago but edited just now (back to pending, queued at that moment).
    assert comment_ids_stale_pending() == [stale.pk]
    assert fresh.pk not in comment_ids_stale_pending(older_than=timedelta(minutes=1))
