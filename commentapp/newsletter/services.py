"""Newsletter writes: sign-up with double opt-in, confirm, unsubscribe, and sending an article.

Sign-up never tells the visitor whether an address is already subscribed (the page answers
the same either way); the emailed link is the only proof of owning the address. Links in
emails are signed (django.core.signing): confirmation links expire, unsubscribe links do not.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from commentapp.mail import absolute_url, email_build, emails_send
from commentapp.tasks_util import enqueue_safely

from .models import Mailing, Subscriber

logger = logging.getLogger(__name__)

CONFIRM_SALT = "newsletter.confirm"
UNSUBSCRIBE_SALT = "newsletter.unsubscribe"


class MailingRefused(ValidationError):
    """This article cannot be sent (already sent, or not published yet)."""


# --- tokens ------------------------------------------------------------------------------------


def _token(subscriber: Subscriber, salt: str) -> str:
    # The email is inside the token so a link stops working if the row is reused for another
    # address; nothing secret is in it (signed, not encrypted).
    return signing.dumps({"s": subscriber.pk, "e": subscriber.email}, salt=salt)


def _subscriber_from(token: str, salt: str, max_age=None) -> Subscriber:
    """Raises signing.SignatureExpired / signing.BadSignature, or Subscriber.DoesNotExist."""
    data = signing.loads(token, salt=salt, max_age=max_age)
    if not isinstance(data, dict):
        raise signing.BadSignature("Malformed newsletter token")
    return Subscriber.objects.get(pk=data.get("s"), email=data.get("e"))


def confirm_url(subscriber: Subscriber) -> str:
    token = _token(subscriber, CONFIRM_SALT)
    return absolute_url(reverse("newsletter:confirm", kwargs={"token": token}))


def unsubscribe_url(subscriber: Subscriber) -> str:
    token = _token(subscriber, UNSUBSCRIBE_SALT)
    return absolute_url(reverse("newsletter:unsubscribe", kwargs={"token": token}))


# --- subscribers -------------------------------------------------------------------------------


def subscriber_request(*, email: str) -> None:
    """A visitor asked to subscribe `email`: send a confirmation link unless it already
    receives the newsletter. Says nothing back (the caller shows one neutral answer)."""
    from .tasks import send_confirmation_task

    email = email.strip().lower()
    subscriber, _ = Subscriber.objects.get_or_create(email=email)
    if subscriber.is_receiving:
        return
    Subscriber.objects.filter(pk=subscriber.pk).update(confirmation_sent_at=timezone.now())
    # Broker down: the visitor still sees the neutral answer; nothing re-sends the mail
    # (ERROR so it is noticed), but signing up again sends a fresh link.
    transaction.on_commit(
        lambda: enqueue_safely(
            send_confirmation_task,
            subscriber.pk,
            level=logging.ERROR,
            consequence="The confirmation email is lost.",
        )
    )


def subscriber_confirm_check(*, token: str) -> Subscriber:
    return _subscriber_from(token, CONFIRM_SALT, max_age=settings.NEWSLETTER_CONFIRM_MAX_AGE)


def subscriber_confirm(*, token: str) -> Subscriber:
    """The owner clicked the confirmation link (and the button on its page)."""
    subscriber = subscriber_confirm_check(token=token)
    if not subscriber.is_receiving:
        subscriber.confirmed_at = timezone.now()
        subscriber.unsubscribed_at = None
        subscriber.save(update_fields=["confirmed_at", "unsubscribed_at"])
    return subscriber


def subscriber_unsubscribe_check(*, token: str) -> Subscriber:
    return _subscriber_from(token, UNSUBSCRIBE_SALT)


def subscriber_unsubscribe(*, token: str) -> Subscriber:
    subscriber = subscriber_unsubscribe_check(token=token)
    if subscriber.unsubscribed_at is None:
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["unsubscribed_at"])
    return subscriber


def confirmation_email_send(*, subscriber_id: int) -> int:
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None or subscriber.is_receiving:
        return 0
    hours = int(settings.NEWSLETTER_CONFIRM_MAX_AGE.total_seconds() // 3600)
    message = email_build(
        to=subscriber.email,
        subject="Confirm your subscription to The Ledger",
        template="emails/newsletter_confirm.txt",
        context={"confirm_url": confirm_url(subscriber), "hours": hours},
        unsubscribe_url=unsubscribe_url(subscriber),
    )
    return emails_send([message])


# --- mailings ----------------------------------------------------------------------------------


def mailing_create(*, article: Article, created_by=None) -> Mailing:
    """Send `article` to every confirmed subscriber, once: a second call for the same article
    raises MailingRefused. Batches go out from Celery after the commit."""
    from .tasks import dispatch_mailing_task

    if article.published_at is None or article.published_at > timezone.now():
        raise MailingRefused("This article is not published yet.")
    audience = Subscriber.objects.aggregate(last=Max("pk"))["last"] or 0
    try:
        with transaction.atomic():
            mailing = Mailing.objects.create(
                article=article, created_by=created_by, last_subscriber_id=audience
            )
    except IntegrityError:
        raise MailingRefused("This article has already been sent to subscribers.") from None
    # Broker down: the Mailing row exists but nothing dispatches it (a second send is refused),
    # so this is logged at ERROR for an operator to queue `dispatch_mailing_task` by hand.
    transaction.on_commit(
        lambda: enqueue_safely(
            dispatch_mailing_task,
            mailing.pk,
            level=logging.ERROR,
            consequence="The mailing was saved but not dispatched; queue it by hand.",
        )
    )
    return mailing


def mailing_claim_batch(*, mailing_id: int, size: int) -> list[int]:
    """Take the next `size` subscribers of the mailing (by id) and move its cursor past them.

    The row lock makes two dispatchers (a redelivered task) take different batches; an empty
    result means the mailing is complete.
    """
    with transaction.atomic():
        mailing = Mailing.objects.select_for_update().get(pk=mailing_id)
        if mailing.finished_at is not None:
            return []
        ids = list(
            Subscriber.objects.receiving()
            .filter(pk__gt=mailing.cursor, pk__lte=mailing.last_subscriber_id)
            .order_by("pk")
            .values_list("pk", flat=True)[:size]
        )
        if ids:
            mailing.cursor = ids[-1]
        else:
            mailing.finished_at = timezone.now()
        mailing.save(update_fields=["cursor", "finished_at"])
    return ids


def mailing_send_batch(*, mailing_id: int, subscriber_ids: list[int]) -> int:
    """Email the article to these subscribers (those still receiving). Returns emails sent."""
    mailing = Mailing.objects.select_related("article").get(pk=mailing_id)
    article = mailing.article
    article_url = absolute_url(article.get_absolute_url())
    messages = [
        email_build(
            to=subscriber.email,
            subject=article.title,
            template="emails/newsletter_article.txt",
            context={"article": article, "article_url": article_url},
            unsubscribe_url=unsubscribe_url(subscriber),
        )
        for subscriber in Subscriber.objects.receiving().filter(pk__in=subscriber_ids)
    ]
    sent = emails_send(messages)
    Mailing.objects.filter(pk=mailing_id).update(sent_count=F("sent_count") + len(messages))
    return sent
