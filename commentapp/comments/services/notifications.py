"""Emails that follow a comment becoming visible: reply notifications and author alerts.

`comment_visibility_changed` calls `notifications_comment_approved` after the commit; it only
queues a Celery task (when someone asked for these emails), so no email is ever sent inside a
reader's or moderator's request.
Each email has a one-click unsubscribe link carrying a signed token (no login needed).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core import signing
from django.db import DatabaseError, transaction
from django.urls import reverse

from articles.models import AuthorProfile
from commentapp.mail import absolute_url, email_build, emails_send
from commentapp.tasks_util import enqueue_safely

from ..models import AuditEvent, Comment
from ..sanitizer import plain_text

UNSUBSCRIBE_SALT = "comments.notifications.unsubscribe"
KIND_REPLIES = "replies"  # value: the email address whose reply notifications stop
KIND_AUTHOR = "author"  # value: the author's user id; turns off AuthorProfile.notify_new_comments


@dataclass(frozen=True, slots=True)
class UnsubscribeRequest:
    kind: str
    value: str | int


def unsubscribe_token(*, kind: str, value: str | int) -> str:
    # No expiry: an unsubscribe link in a years-old email must still work.
    return signing.dumps({"k": kind, "v": value}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_token_read(token: str) -> UnsubscribeRequest:
    """Raises signing.BadSignature for a forged or damaged token."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if not isinstance(data, dict) or data.get("k") not in (KIND_REPLIES, KIND_AUTHOR):
        raise signing.BadSignature("Unknown unsubscribe token")
    return UnsubscribeRequest(kind=data["k"], value=data["v"])


def unsubscribe_url(*, kind: str, value: str | int) -> str:
    token = unsubscribe_token(kind=kind, value=value)
    return absolute_url(reverse("comments:unsubscribe", kwargs={"token": token}))


def notifications_unsubscribe(*, request: UnsubscribeRequest) -> None:
    """Apply an unsubscribe link. Idempotent: a second click changes nothing."""
    if request.kind == KIND_REPLIES:
        Comment.objects.filter(email__iexact=str(request.value), notify_replies=True).update(
            notify_replies=False
        )
    else:
        AuthorProfile.objects.filter(user_id=request.value).update(notify_new_comments=False)


def _alerted_authors(article_id: int):
    """The article's authors who asked to be emailed about new comments (and can be)."""
    return (
        get_user_model()
        .objects.filter(articles=article_id, author_profile__notify_new_comments=True)
        .exclude(email="")
    )


def _may_email_anyone(comment: Comment) -> bool:
    """Whether the email task could send anything: the parent's writer asked for replies, or
    an author asked for alerts. The task applies every other rule (first approval, own reply,
    deleted parent...); this only spares queuing it for the usual approved comment that
    nobody asked to hear about, whose task would load the comment just to send nothing."""
    if comment.parent_id is not None:
        parent_asked = Comment.objects.filter(pk=comment.parent_id, notify_replies=True)
        if parent_asked.exclude(email="").exists():
            return True
    return _alerted_authors(comment.article_id).exists()


def notifications_comment_approved(*, comment: Comment) -> None:
    """Queue the emails about a comment that just became visible (after the commit), if
    anyone asked for them."""
    from ..tasks import notify_comment_approved_task

    def queue() -> None:
        try:
            wanted = _may_email_anyone(comment)
        except DatabaseError:
            wanted = True  # can't tell now: queue it, the task checks again when it runs
        if not wanted:
            return
        # The broker may be down: the comment is published either way; losing a courtesy
        # email is better than failing a moderator's action. Nothing re-sends it, hence ERROR.
        enqueue_safely(
            notify_comment_approved_task,
            comment.pk,
            level=logging.ERROR,
            consequence="The approval emails for this comment are lost.",
        )

    transaction.on_commit(queue)


def _first_approval(comment: Comment) -> bool:
    """Only the first time a comment is approved is news: re-approval after an edit or a
    moderator's second thoughts must not email anyone again."""
    approvals = (
        AuditEvent.objects.filter(comment=comment, status_after=Comment.Status.APPROVED)
        .exclude(status_before=Comment.Status.APPROVED)
        .count()
    )
    return approvals <= 1


def _same_writer(a: Comment, b: Comment) -> bool:
    if a.user_id and a.user_id == b.user_id:
        return True
    return bool(a.email) and a.email.strip().lower() == b.email.strip().lower()


def _reply_notification(reply: Comment) -> tuple[str, object] | None:
    parent = reply.parent
    if parent is None or not parent.notify_replies or not parent.email:
        return None
    if parent.deleted_at is not None or parent.status != Comment.Status.APPROVED:
        return None
    if _same_writer(reply, parent):
        return None
    message = email_build(
        to=parent.email,
        subject=f"{reply.name} replied to your comment on “{reply.article.title}”",
        template="emails/reply_notification.txt",
        context={
            "parent": parent,
            "reply": reply,
            "article": reply.article,
            "reply_text": plain_text(reply.body_html),
            "parent_text": plain_text(parent.body_html),
            "reply_url": absolute_url(reply.get_absolute_url()),
        },
        unsubscribe_url=unsubscribe_url(kind=KIND_REPLIES, value=parent.email.strip().lower()),
    )
    return parent.email.strip().lower(), message


def _author_notifications(comment: Comment, *, skip_emails: set[str]) -> list:
    authors = _alerted_authors(comment.article_id).select_related("author_profile")
    messages = []
    for author in authors:
        email = author.email.strip().lower()
        if author.pk == comment.user_id or email in skip_emails:
            continue
        if not comment.user_id and email == comment.email.strip().lower():
            continue
        messages.append(
            email_build(
                to=author.email,
                subject=f"New comment on “{comment.article.title}”",
                template="emails/author_new_comment.txt",
                context={
                    "author_name": author.author_profile.display_name,
                    "comment": comment,
                    "article": comment.article,
                    "comment_text": plain_text(comment.body_html),
                    "comment_url": absolute_url(comment.get_absolute_url()),
                },
                unsubscribe_url=unsubscribe_url(kind=KIND_AUTHOR, value=author.pk),
            )
        )
    return messages


def notifications_send_for_comment(*, comment_id: int) -> int:
    """Email the parent's writer (if they asked) and the article's authors (if they asked)
    about a newly approved comment. Returns the number of emails sent."""
    comment = Comment.objects.select_related("article", "parent").filter(pk=comment_id).first()
    if comment is None or comment.status != Comment.Status.APPROVED:
        return 0  # deleted, or unpublished again before the worker got to it
    if comment.deleted_at is not None or not _first_approval(comment):
        return 0
    messages = []
    reply = _reply_notification(comment)
    notified = set()
    if reply is not None:
        notified.add(reply[0])
        messages.append(reply[1])
    messages.extend(_author_notifications(comment, skip_emails=notified))
    return emails_send(messages)
