"""Newsletter tasks: thin wrappers around the services.

A mailing is dispatched as a chain: each dispatch claims one batch, hands it to a send task and
queues the next dispatch, so a list of any size goes out `NEWSLETTER_BATCH_SIZE` at a time.
Email sends are acknowledged early (at most once) and retried only on transport errors.
"""

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError, InterfaceError

from . import services

RETRY = {
    "acks_late": False,
    "autoretry_for": (OSError, DatabaseError, InterfaceError),
    "retry_backoff": True,
    "max_retries": 5,
}


@shared_task(name="newsletter.send_confirmation", **RETRY)
def send_confirmation_task(subscriber_id: int) -> int:
    return services.confirmation_email_send(subscriber_id=subscriber_id)


@shared_task(name="newsletter.dispatch_mailing", **RETRY)
def dispatch_mailing_task(mailing_id: int) -> int:
    ids = services.mailing_claim_batch(mailing_id=mailing_id, size=settings.NEWSLETTER_BATCH_SIZE)
    if ids:
        send_mailing_batch_task.delay(mailing_id, ids)
        dispatch_mailing_task.delay(mailing_id)
    return len(ids)


@shared_task(name="newsletter.send_mailing_batch", **RETRY)
def send_mailing_batch_task(mailing_id: int, subscriber_ids: list[int]) -> int:
    return services.mailing_send_batch(mailing_id=mailing_id, subscriber_ids=subscriber_ids)
