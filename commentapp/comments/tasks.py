"""Celery tasks: thin wrappers that load by id and call a service."""

import logging

from celery import shared_task
from django.db import DatabaseError, InterfaceError

from commentapp.tasks_util import waiting_messages

from .services import classification, data_rights, learning, notifications

logger = logging.getLogger(__name__)


@shared_task(
    name="comments.classify_comment",
    acks_late=True,  # safe: comment_classify only acts on a comment that is still pending
    reject_on_worker_lost=True,
    autoretry_for=(DatabaseError, InterfaceError),
    retry_backoff=True,
    max_retries=5,
)
def classify_comment_task(comment_id: int) -> str | None:
    comment = classification.comment_classify(comment_id=comment_id)
    return comment.status if comment else None


@shared_task(name="comments.requeue_stale_pending")
def requeue_stale_pending() -> int:
    """Beat: re-queue comments left pending (broker was down, worker died mid-task).

    Not while the queue holds at least as many messages as there are stale comments: that is
    a backlog the stale comments are probably in, and queuing them again every minute would
    only make it longer. Once fewer are waiting, some stale comments cannot be among them.
    """
    ids = classification.comment_ids_stale_pending()
    if not ids:
        return 0
    waiting = waiting_messages()
    if waiting is not None and waiting >= len(ids):
        logger.info(
            "%d comments pending, %d messages still queued: not re-queuing.", len(ids), waiting
        )
        return 0
    for comment_id in ids:
        classification.enqueue_classification(comment_id)
    logger.info("Re-queued %d pending comments for the spam check.", len(ids))
    return len(ids)


@shared_task(name="comments.retrain_spam_model", acks_late=True)
def retrain_spam_model_task() -> str | None:
    saved = learning.spam_model_retrain()
    return saved.version if saved else None


@shared_task(
    name="comments.notify_comment_approved",
    # Emails are not idempotent: acknowledge early (at most once) and retry only on transport
    # errors, which happen before the message is accepted by the mail server.
    acks_late=False,
    autoretry_for=(OSError, DatabaseError, InterfaceError),
    retry_backoff=True,
    max_retries=5,
)
def notify_comment_approved_task(comment_id: int) -> int:
    return notifications.notifications_send_for_comment(comment_id=comment_id)


@shared_task(
    name="comments.send_moderator_digest",
    # Not acks_late: a redelivered digest task is harmless (comments already listed are never
    # listed again), but an early ack avoids a second mail if the worker dies after sending.
    acks_late=False,
    autoretry_for=(OSError, DatabaseError, InterfaceError),
    retry_backoff=True,
    max_retries=3,
)
def send_moderator_digest_task() -> int:
    """Beat, every few minutes: one mail listing the comments held since the last digest."""
    from .services.alerts import moderator_digest_send

    digest = moderator_digest_send()
    return digest.comments.count() if digest else 0


@shared_task(
    name="comments.send_data_link", acks_late=False, autoretry_for=(OSError,), max_retries=5
)
def send_data_link_task(email: str) -> int:
    return data_rights.data_link_email_send(email=email)
