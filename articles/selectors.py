"""Reads for articles."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from .models import Article, Footnote


def article_list_with_comment_counts() -> QuerySet[Article]:
    """Published articles, newest first, each with `approved_comment_count`."""
    from commentapp.comments.models import Comment

    return (
        Article.objects.published()
        .annotate(
            approved_comment_count=Count(
                "comments", filter=Q(comments__status=Comment.Status.APPROVED)
            )
        )
        .prefetch_related("authors__author_profile")
        .order_by("-published_at")
    )


def article_get_for_display(*, slug: str, viewer=None) -> Article:
    """One article with its authors' profiles and footnotes loaded (404 when unknown, or not
    published yet and `viewer` is not staff)."""
    queryset = Article.objects.visible_to(viewer).prefetch_related(
        "authors__author_profile",
        Prefetch("footnotes", queryset=Footnote.objects.order_by("position", "id")),
    )
    return get_object_or_404(queryset, slug=slug)
