"""A commenter's data rights: an export of their comments, or their erasure.

The request is made with an email address, and proven by a signed, expiring link sent to it:
whoever can read that inbox may download or erase the comments posted with that address
(or by the account that has it). The page that takes the request answers the same whatever
the address, so it reveals nobody's comments.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from commentapp.mail import absolute_url, email_build, emails_send
from commentapp.tasks_util import enqueue_safely

from ..models import AuditEvent, Comment, TrainingExample
from . import side_effects

DATA_SALT = "comments.data-rights"
ERASED_NAME = "[deleted]"


def data_request_token(*, email: str) -> str:
    return signing.dumps({"e": email.strip().lower()}, salt=DATA_SALT)


def data_request_email(*, token: str) -> str:
    """The address a data link was sent to. Raises signing.SignatureExpired (too old) or
    signing.BadSignature (damaged or forged)."""
    data = signing.loads(token, salt=DATA_SALT, max_age=settings.DATA_REQUEST_MAX_AGE)
    if not isinstance(data, dict) or not isinstance(data.get("e"), str):
        raise signing.BadSignature("Malformed data-request token")
    return data["e"]


def commenter_comments(*, email: str) -> QuerySet[Comment]:
    """Comments posted with this address, or by an account with this address."""
    email = email.strip().lower()
    if not email:
        return Comment.objects.none()
    return Comment.objects.filter(Q(email__iexact=email) | Q(user__email__iexact=email))


def data_request_start(*, email: str) -> None:
    """Someone asked for the data of `email`: mail a link there if it has any comments."""
    from ..tasks import send_data_link_task

    email = email.strip().lower()
    if commenter_comments(email=email).exists():
        # Broker down: nothing re-sends the link (ERROR so it is noticed); the visitor still
        # sees the neutral answer and can ask again.
        transaction.on_commit(
            lambda: enqueue_safely(
                send_data_link_task,
                email,
                level=logging.ERROR,
                consequence="The data-request email is lost.",
            )
        )


def data_link_email_send(*, email: str) -> int:
    token = data_request_token(email=email)
    hours = int(settings.DATA_REQUEST_MAX_AGE.total_seconds() // 3600)
    message = email_build(
        to=email,
        subject="Your comments on The Ledger: download or delete",
        template="emails/data_request.txt",
        context={
            "link": absolute_url(reverse("comments:your-data-manage", kwargs={"token": token})),
            "hours": hours,
        },
    )
    return emails_send([message])


def commenter_data_export(*, email: str) -> dict:
    """Everything stored about the commenter's comments, as JSON-ready data."""
    comments = commenter_comments(email=email).select_related("article").order_by("pk")
    return {
        "email": email,
        "exported_at": timezone.now().isoformat(),
        "comments": [
            {
                "id": c.pk,
                "article": {
                    "slug": c.article.slug,
                    "title": c.article.title,
                    "url": absolute_url(c.article.get_absolute_url()),
                },
                "parent": c.parent_id,
                "name": c.name,
                "email": c.email,
                "body": c.body,
                "status": c.status,
                "submitted_at": c.submitted_at.isoformat(),
                "edited_at": c.edited_at.isoformat() if c.edited_at else None,
                "deleted_at": c.deleted_at.isoformat() if c.deleted_at else None,
                "notify_replies": c.notify_replies,
                "ip_address": c.ip_address,
                "user_agent": c.user_agent,
                "url": absolute_url(c.get_absolute_url()),
            }
            for c in comments
        ],
    }


def commenter_data_erase(*, email: str) -> int:
    """Erase the commenter's comments: text, name, email, IP, user agent and the account link
    go; each stays in its thread as "[deleted]" so replies keep their place. Moderators'
    training examples copied from these texts are deleted too. Returns how many comments."""
    now = timezone.now()
    with transaction.atomic():
        comments = list(
            commenter_comments(email=email)
            # of=self: the account join is an outer join, which PostgreSQL will not lock.
            .select_for_update(of=("self",))
            .only("pk", "article_id", "status", "deleted_at")
        )
        ids = [c.pk for c in comments]
        Comment.objects.filter(pk__in=ids).update(
            name=ERASED_NAME,
            email="",
            user=None,
            body="",
            body_html="",
            ip_address=None,
            user_agent="",
            notify_replies=False,
            updated_at=now,
        )
        Comment.objects.filter(pk__in=ids, deleted_at__isnull=True).update(deleted_at=now)
        TrainingExample.objects.filter(comment_id__in=ids).delete()
        AuditEvent.objects.bulk_create(
            AuditEvent(
                comment_id=c.pk,
                article_id=c.article_id,
                actor_kind=AuditEvent.ActorKind.READER,
                action="erased on request",
                status_before=c.status,
                status_after=c.status,
                reason="The commenter asked, by a link sent to their address, to erase their data.",
            )
            for c in comments
        )
        one_per_article = {c.article_id: c for c in comments}.values()
        for comment in one_per_article:
            transaction.on_commit(
                lambda c=comment: side_effects.comment_visibility_changed(
                    comment=c, became_visible=False
                )
            )
    return len(ids)
