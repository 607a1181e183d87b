"""Atom feed of an article's approved comments (newest first), for feed readers."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed

from articles.models import Article

from .models import Comment

FEED_LENGTH = 50


class ArticleCommentsFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, slug):
        return get_object_or_404(Article.objects.published(), slug=slug)

    def title(self, article):
        return f"Comments on “{article.title}” — The Ledger"

    def link(self, article):
        return f"{article.get_absolute_url()}#comments"

    def subtitle(self, article):
        return f"The latest reader comments on {article.title}."

    def items(self, article):
        # Deleted comments stay in the thread as "[deleted]" but are no news for a feed.
        return (
            Comment.objects.filter(
                article=article, status=Comment.Status.APPROVED, deleted_at__isnull=True
            )
            .only("pk", "name", "body_html", "submitted_at", "edited_at", "is_author_reply")
            .order_by("-submitted_at", "-id")[:FEED_LENGTH]
        )

    def item_title(self, comment):
        who = f"{comment.name} (author)" if comment.is_author_reply else comment.name
        return f"Comment by {who}"

    def item_description(self, comment):
        return comment.body_html  # sanitized on write; the feed escapes it as HTML content

    def item_link(self, comment):
        return comment.get_absolute_url()

    def item_author_name(self, comment):
        return comment.name

    def item_pubdate(self, comment):
        return comment.submitted_at

    def item_updateddate(self, comment):
        return comment.edited_at or comment.submitted_at
