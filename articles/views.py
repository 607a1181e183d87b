"""Article pages: the home list and the article with its comment thread."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from articles.policy import article_accepts_comments
from commentapp.comments.forms import CommentForm
from commentapp.comments.models import Comment
from commentapp.comments.thread.rendering import thread_fragment_html
from commentapp.querystring import parse_positive_int

from .models import Article
from .rendering import render_body
from .selectors import article_get_for_display, article_list_with_comment_counts


def home(request):
    return render(request, "articles/home.html", {"articles": article_list_with_comment_counts()})


def _reply_target(request, article, form):
    """The comment being answered (from ?reply_to= or a re-shown form), if it is visible."""
    raw = form["parent"].value() if form.is_bound else request.GET.get("reply_to")
    pk = parse_positive_int(raw)
    if pk is None:
        return None
    return (
        Comment.objects.filter(pk=pk, article=article, status=Comment.Status.APPROVED)
        .only("pk", "name")
        .first()
    )


def render_article_page(request, article, *, form=None, status=200, thread_html=None):
    footnotes = list(article.footnotes.all())
    body = render_body(article.body, {f.marker for f in footnotes})
    if form is None:
        form = CommentForm(user=request.user, article=article)
    reply_to = _reply_target(request, article, form)
    if reply_to is not None and not form.is_bound:
        form.initial["parent"] = reply_to.pk
    comments_open = article_accepts_comments(article)
    if thread_html is None:
        thread_html = thread_fragment_html(request, article, comments_open=comments_open)
    authors = list(article.authors.all())
    context = {
        "article": article,
        "authors": authors,
        "body_html": body.html,
        "footnotes": footnotes,
        "thread_html": thread_html,
        "form": form,
        "reply_to": reply_to,
        "comments_open": comments_open,
    }
    return render(request, "articles/article_detail.html", context, status=status)


def article_detail(request, slug):
    return render_article_page(request, article_get_for_display(slug=slug, viewer=request.user))


def article_comments_fragment(request, slug):
    """One page of the thread alone: what the "Load more comments" script appends."""
    article = get_object_or_404(
        Article.objects.visible_to(request.user).only(
            "pk", "slug", "comments_open", "published_at", "auto_close_after_days"
        ),
        slug=slug,
    )
    html = thread_fragment_html(request, article, comments_open=article_accepts_comments(article))
    return HttpResponse(html)
