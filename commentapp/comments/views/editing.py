"""A writer editing or deleting their own comment (pages with a form; POST changes things)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from ..forms import CommentEditForm
from ..models import Comment
from ..services.editing import (
    CommentChangeRefused,
    comment_delete_check,
    comment_delete_own,
    comment_edit,
    comment_edit_check,
    comment_edit_deadline,
)
from ..services.posting import CommentRejected
from ..session import own_comment_ids


def _refused(request, comment, error: CommentChangeRefused):
    context = {"message": error.message, "comment": comment}
    return render(request, "comments/change_refused.html", context, status=403)


@require_http_methods(["GET", "POST"])
def comment_edit_page(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=pk)
    owner = {"user": request.user, "session_comment_ids": own_comment_ids(request)}
    try:
        comment_edit_check(comment=comment, **owner)
    except CommentChangeRefused as error:
        return _refused(request, comment, error)

    form = CommentEditForm(request.POST or None, initial={"body": comment.body})
    if request.method == "POST" and form.is_valid():
        try:
            comment_edit(comment=comment, body=form.cleaned_data["body"], **owner)
        except CommentChangeRefused as error:
            return _refused(request, comment, error)
        except CommentRejected as error:
            form.add_error(None, error)
        else:
            messages.info(
                request, "Your edit is saved. It shows again once our spam check has seen it."
            )
            return redirect(comment.get_absolute_url())
    context = {
        "comment": comment,
        "article": comment.article,
        "form": form,
        "deadline": comment_edit_deadline(comment),
    }
    return render(request, "comments/edit.html", context, status=400 if form.is_bound else 200)


@require_http_methods(["GET", "POST"])
def comment_delete_page(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=pk)
    owner = {"user": request.user, "session_comment_ids": own_comment_ids(request)}
    try:
        comment_delete_check(comment=comment, **owner)
        if request.method == "POST":
            comment_delete_own(comment=comment, **owner)
    except CommentChangeRefused as error:
        return _refused(request, comment, error)
    if request.method == "POST":
        messages.success(request, "Your comment was deleted. Replies to it stay in the thread.")
        return redirect(f"{comment.article.get_absolute_url()}#comment-{comment.pk}")
    return render(request, "comments/delete.html", {"comment": comment, "article": comment.article})
