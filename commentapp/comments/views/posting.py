"""Comment pages: posting from the article page and permalinks."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from articles.models import Article

from ..forms import CommentForm
from ..models import Comment
from ..netaddr import client_ip
from ..ratelimits import ratelimit_post
from ..services import comment_create
from ..session import own_comment_ids, remember_own_comment
from ..thread.rendering import thread_page_number


@require_POST
@ratelimit_post("comment-post")
def comment_post(request, slug):
    """Validate and save a comment; on errors show the article page again with the form."""
    from articles.views import render_article_page

    article = get_object_or_404(Article.objects.visible_to(request.user), slug=slug)
    form = CommentForm(request.POST, user=request.user, article=article)
    if form.is_valid():
        data = form.cleaned_data
        try:
            comment = comment_create(
                article=article,
                body=data["body"],
                name=data.get("name", ""),
                email=data.get("email", ""),
                user=request.user,
                parent=data["parent"],
                notify_replies=data["notify_replies"],
                ip_address=client_ip(request),
                user_agent=request.META.get("HTTP_USER_AGENT", ""),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            remember_own_comment(request, comment.pk)
            comment.refresh_from_db(fields=["status"])
            if comment.status == Comment.Status.APPROVED:
                messages.success(request, "Thanks, your comment is published.")
            else:
                messages.info(request, "Thanks, your comment is awaiting moderation.")
            return redirect(comment_page_url(request, comment, article=article))
    return render_article_page(request, article, form=form, status=400)


def comment_page_url(request, comment, *, article) -> str:
    """The article page that shows `comment` (its thread may be on a later page), anchored."""
    page = thread_page_number(comment=comment)
    query = f"?page={page}" if page > 1 else ""
    return f"{reverse('articles:detail', args=[article.slug])}{query}#comment-{comment.pk}"


def comment_permalink(request, pk):
    """`/comments/<pk>/`: the page of the thread that shows the comment. Comments readers
    cannot see (not approved, unless it is the viewer's own) are a 404, like unknown ones."""
    comment = get_object_or_404(
        Comment.objects.select_related("article").only(
            "pk", "article__slug", "root_id", "submitted_at", "status", "parent_id"
        ),
        pk=pk,
    )
    visible = comment.status == Comment.Status.APPROVED or (
        comment.status != Comment.Status.REMOVED and pk in own_comment_ids(request)
    )
    if not visible:
        raise Http404("No such comment.")
    return redirect(comment_page_url(request, comment, article=comment.article))
