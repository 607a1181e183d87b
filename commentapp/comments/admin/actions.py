"""Bulk actions of the queue and the ban form. Each one only calls a service."""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from commentapp.querystring import parse_positive_int

from ..models import Ban
from ..services import articles_policy, bans, moderation

DECISION_LABELS = {
    moderation.Decision.APPROVE: "approved",
    moderation.Decision.REJECT: "rejected (removed from the page)",
    moderation.Decision.SPAM: "marked as spam (the filter learns from it)",
    moderation.Decision.NOT_SPAM: "marked as not spam and published (the filter learns from it)",
}


def apply_decision(model_admin, request, ids, decision, *, reason=""):
    try:
        return moderation.comments_moderate(
            comment_ids=ids, decision=decision, actor=request.user, reason=reason
        )
    except PermissionDenied as error:
        model_admin.message_user(request, str(error), messages.ERROR)
        return []


def apply_article_policy(model_admin, request, articles, *, close):
    service = (
        articles_policy.article_comments_close if close else articles_policy.article_comments_reopen
    )
    changed = []
    for article in articles:
        try:
            if service(article=article, actor=request.user):
                changed.append(article.title)
        except PermissionDenied as error:
            model_admin.message_user(request, str(error), messages.ERROR)
            return
    verb = "closed" if close else "reopened"
    if changed:
        model_admin.message_user(
            request, f"Comments {verb} on: {', '.join(changed)}.", messages.SUCCESS
        )
    else:
        model_admin.message_user(request, f"Nothing to do: comments were already {verb}.")


def _decision_action(decision, description):
    def action(model_admin, request, queryset):
        done = apply_decision(model_admin, request, queryset.values_list("pk", flat=True), decision)
        if done:
            model_admin.message_user(
                request,
                f"{len(done)} comment{'s' if len(done) != 1 else ''} {DECISION_LABELS[decision]}.",
                messages.SUCCESS,
            )

    action.__name__ = f"{decision}_selected"
    return admin.action(description=description, permissions=["change"])(action)


class BanForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label="Ban the commenter's",
        choices=Ban.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[Ban.Kind.EMAIL],
    )
    reason = forms.CharField(
        max_length=300, required=False, help_text="Shown in the audit log, never to the commenter."
    )
    days = forms.IntegerField(
        label="Expires after (days)",
        min_value=1,
        max_value=3650,
        required=False,
        help_text="Empty: a permanent ban.",
    )
    remove_earlier_comments = forms.BooleanField(
        required=False, label="Also remove this commenter's earlier comments from the site"
    )


class CommentActionsMixin:
    actions = [
        _decision_action(moderation.Decision.APPROVE, "Approve selected comments"),
        _decision_action(moderation.Decision.REJECT, "Reject (remove) selected comments"),
        _decision_action(moderation.Decision.SPAM, "Mark selected comments as spam"),
        _decision_action(moderation.Decision.NOT_SPAM, "Mark selected comments as not spam"),
        "ban_commenters",
        "close_articles",
        "reopen_articles",
    ]

    def has_ban_permission(self, request):
        return request.user.has_perm("comments.add_ban")

    def has_close_permission(self, request):
        return request.user.has_perm("comments.close_article_comments")

    @admin.action(description="Ban the commenters of selected comments…", permissions=["ban"])
    def ban_commenters(self, request, queryset):
        ids = ",".join(str(pk) for pk in queryset.values_list("pk", flat=True)[:500])
        return HttpResponseRedirect(f"{reverse('admin:comments_comment_ban')}?ids={ids}")

    @admin.action(
        description="Close comments on the selected comments' articles", permissions=["close"]
    )
    def close_articles(self, request, queryset):
        articles = Article.objects.filter(pk__in=queryset.values("article_id"))
        apply_article_policy(self, request, list(articles), close=True)

    @admin.action(
        description="Reopen comments on the selected comments' articles", permissions=["close"]
    )
    def reopen_articles(self, request, queryset):
        articles = Article.objects.filter(pk__in=queryset.values("article_id"))
        apply_article_policy(self, request, list(articles), close=False)

    def ban_view(self, request):
        """The ban form for one or more comments (?ids=1,2,3): what to ban, why, how long."""
        if not self.has_ban_permission(request):
            raise PermissionDenied
        raw = request.POST.get("ids") if request.method == "POST" else request.GET.get("ids")
        ids = [pk for part in (raw or "").split(",") if (pk := parse_positive_int(part))][:500]
        comments = list(self.get_queryset(request).filter(pk__in=ids).order_by("pk"))
        changelist = reverse("admin:comments_comment_changelist")
        if not comments:
            self.message_user(request, "No comment selected to ban.", messages.WARNING)
            return HttpResponseRedirect(changelist)
        form = BanForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            days = data["days"]
            try:
                outcome = bans.ban_commenters(
                    comments=comments,
                    kinds=data["kinds"],
                    actor=request.user,
                    reason=data["reason"],
                    expires_at=timezone.now() + timedelta(days=days) if days else None,
                    remove_earlier_comments=data["remove_earlier_comments"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                summary = ", ".join(str(ban) for ban in outcome.bans) or "nobody"
                self.message_user(
                    request,
                    f"Banned {summary}. {outcome.removed} earlier comment(s) removed.",
                    messages.SUCCESS,
                )
                if outcome.skipped:
                    self.message_user(
                        request, "Not banned: " + "; ".join(outcome.skipped), messages.WARNING
                    )
                if len(comments) == 1:
                    return HttpResponseRedirect(
                        reverse("admin:comments_comment_change", args=[comments[0].pk])
                    )
                return HttpResponseRedirect(changelist)
        context = {
            **self.admin_site.each_context(request),
            "title": "Ban commenters",
            "opts": self.opts,
            "form": form,
            "comments": comments,
            "ids": ",".join(str(c.pk) for c in comments),
        }
        return TemplateResponse(
            request, "admin/comments/comment/ban_commenters.html", context, status=200
        )
