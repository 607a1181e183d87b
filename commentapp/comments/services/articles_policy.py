"""Closing and reopening comments on an article, from the moderation desk (audited)."""

from __future__ import annotations

from django.db import transaction

from articles.models import Article
from articles.policy import article_accepts_comments

from ..models import AuditEvent
from .moderation import moderator_actor_kind


def _record(*, article: Article, actor, actor_kind: str, action: str, reason: str) -> None:
    AuditEvent.objects.create(
        article=article,
        actor=actor,
        actor_kind=actor_kind,
        action=action,
        reason=reason or f"{article.title} (article #{article.pk})",
    )


def article_comments_close(*, article: Article, actor, reason: str = "") -> bool:
    """Close the article to new comments. Returns False if it was already closed."""
    actor_kind = moderator_actor_kind(actor=actor, article_ids=[article.pk])
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        if not article.comments_open:
            return False
        article.comments_open = False
        article.save(update_fields=["comments_open", "updated_at"])
        _record(
            article=article,
            actor=actor,
            actor_kind=actor_kind,
            action="comments closed",
            reason=reason,
        )
    return True


def article_comments_reopen(*, article: Article, actor, reason: str = "") -> bool:
    """Open the article to comments again. Returns False if it already accepted comments.

    Reopening an article past its auto-close date also switches auto-close off for it: the
    moderator asked for comments to be open now, not for a reopen that silently does nothing.
    """
    actor_kind = moderator_actor_kind(actor=actor, article_ids=[article.pk])
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        if article_accepts_comments(article):
            return False
        fields = ["comments_open", "updated_at"]
        article.comments_open = True
        if not article_accepts_comments(article):
            article.auto_close_after_days = 0
            fields.append("auto_close_after_days")
            reason = (reason + " " if reason else "") + "(auto-close switched off)"
        article.save(update_fields=fields)
        _record(
            article=article,
            actor=actor,
            actor_kind=actor_kind,
            action="comments reopened",
            reason=reason,
        )
    return True
