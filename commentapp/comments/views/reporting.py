"""The reader's "Report" link: a small form page that works without JavaScript."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from ..forms import ReportForm
from ..models import Comment
from ..netaddr import client_ip
from ..ratelimits import ratelimit_post
from ..services.reports import DuplicateReport, report_create, reporter_key_for


@ratelimit_post("comment-report")
def comment_report(request, pk):
    """GET: the form. POST: store one report per reader per comment, back to the comment."""
    comment = get_object_or_404(
        Comment.objects.select_related("article"),
        pk=pk,
        status=Comment.Status.APPROVED,
        deleted_at__isnull=True,
    )
    back = f"{comment.article.get_absolute_url()}#comment-{comment.pk}"
    form = ReportForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            key = reporter_key_for(user=request.user, ip_address=client_ip(request))
            try:
                report_create(
                    comment=comment,
                    reporter_key=key,
                    reason=form.cleaned_data["reason"],
                    note=form.cleaned_data["note"],
                )
            except DuplicateReport:
                messages.info(
                    request,
                    "You have already reported this comment. "
                    "Thank you: a moderator will look at it.",
                )
            else:
                messages.success(request, "Thank you. A moderator will review this comment.")
            return redirect(back)
        return render(
            request,
            "comments/report.html",
            {"comment": comment, "form": form, "back": back},
            status=400,
        )
    if request.method != "GET":
        return render(
            request,
            "comments/report.html",
            {"comment": comment, "form": form, "back": back},
            status=405,
        )
    return render(request, "comments/report.html", {"comment": comment, "form": form, "back": back})
