"""Whether an article accepts comments right now (open flag and auto-close)."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .models import Article


def article_comments_close_at(article: Article):
    days = article.auto_close_after_days
    if days is None:
        days = settings.COMMENTS_AUTO_CLOSE_DAYS
    if not days:
        return None
    return article.published_at + timedelta(days=days)


def article_accepts_comments(article: Article, *, now=None) -> bool:
    if not article.comments_open:
        return False
    close_at = article_comments_close_at(article)
    return close_at is None or (now or timezone.now()) < close_at
