"""Article pages: the home list and the article with its comment thread."""

from django.conf import settings
from django.shortcuts import render

from articles.policy import article_accepts_comments
from commentapp.comments.forms import CommentForm
from commentapp.comments.models import Comment
from commentapp.comments.selectors import comment_thread
from commentapp.comments.session import own_comment_ids

from .rendering import render_body
from .selectors import article_get_for_display, article_list_with_comment_counts


def home(request):
    return render(request, "articles/home.html", {"articles": article_list_with_comment_counts()})


def _reply_target(request, article, form):
    """The comment being answered (from ?reply_to= or a re-shown form), if it is visible."""
    raw = form["parent"].value() if form.is_bound else request.GET.get("reply_to")
    if not raw or not str(raw).isdigit():
        return None
    return (
        Comment.objects.filter(pk=int(raw), article=article, status=Comment.Status.APPROVED)
        .only("pk", "name")
        .first()
    )


def render_article_page(request, article, *, form=None, status=200):
    footnotes = list(article.footnotes.all())
    body = render_body(article.body, {f.marker for f in footnotes})
    if form is None:
        form = CommentForm(user=request.user, article=article)
    reply_to = _reply_target(request, article, form)
    if reply_to is not None and not form.is_bound:
        form.initial["parent"] = reply_to.pk
    thread = comment_thread(
        article=article,
        viewer_comment_ids=own_comment_ids(request),
        max_depth=settings.COMMENTS_MAX_DEPTH,
    )
    authors = list(article.authors.all())
    context = {
        "article": article,
        "authors": authors,
        "body_html": body.html,
        "footnotes": footnotes,
        "thread": thread,
        "form": form,
        "reply_to": reply_to,
        "comments_open": article_accepts_comments(article),
    }
    return render(request, "articles/article_detail.html", context, status=status)


def article_detail(request, slug):
    return render_article_page(request, article_get_for_display(slug=slug))
