"""The moderator alert digest: one mail listing the comments held since the previous digest.

Batched on purpose: a beat task calls `moderator_digest_send` every few minutes, so a spam
wave of 300 held comments is one mail, not 300. Each digest records the comments it listed,
so a comment is never announced twice; if sending fails the transaction rolls back and the
next run tries again.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.urls import reverse

from commentapp.mail import absolute_url

from ..models import Comment, ModeratorDigest
from ..selectors.moderation import moderator_alert_emails

logger = logging.getLogger(__name__)

# Comments listed one by one in a mail; the rest are counted ("and 250 more").
DIGEST_LISTED = 50
# Comments one digest takes at most; a bigger wave spills into the next digest.
DIGEST_BATCH = 1000


def _held_not_announced():
    queryset = Comment.objects.filter(
        status=Comment.Status.HELD, moderator_digests__isnull=True
    ).order_by("submitted_at", "pk")
    if connection.features.has_select_for_update_skip_locked:
        # Two digest runs at once (a slow worker and the next beat) never list one comment twice.
        queryset = queryset.select_for_update(skip_locked=True, of=("self",))
    return queryset


def moderator_digest_send() -> ModeratorDigest | None:
    """Mail the moderators one digest of newly held comments; None when there is nothing new
    or nobody to tell."""
    recipients = moderator_alert_emails()
    if not recipients:
        logger.info("No moderator with an email address: no digest sent.")
        return None
    with transaction.atomic():
        held = list(_held_not_announced().select_related("article")[:DIGEST_BATCH])
        if not held:
            return None
        digest = ModeratorDigest.objects.create(recipient_count=len(recipients))
        digest.comments.add(*held)
        queue_url = absolute_url(reverse("admin:comments_comment_changelist") + "?queue=held")
        listed = [
            {
                "comment": comment,
                "url": absolute_url(reverse("admin:comments_comment_change", args=[comment.pk])),
                "reasons": [r.get("message", "") for r in (comment.spam_reasons or [])[:2]],
            }
            for comment in held[:DIGEST_LISTED]
        ]
        context = {
            "count": len(held),
            "listed": listed,
            "more": max(0, len(held) - DIGEST_LISTED),
            "queue_url": queue_url,
        }
        subject = (
            "1 comment is waiting for a moderator"
            if len(held) == 1
            else f"{len(held)} comments are waiting for a moderator"
        )
        body = render_to_string("comments/email/moderator_digest.txt", context)
        # Moderators are addressed in Bcc: one message, and nobody's address shown to others.
        EmailMessage(
            subject=subject,
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[settings.DEFAULT_FROM_EMAIL],
            bcc=recipients,
        ).send()
    return digest
