"""The comment queue and the per-comment decision page."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import truncatechars
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme

from ..models import Comment
from ..selectors.moderation import comment_moderation_context, comments_visible_to
from . import actions
from .filters import ArticleFilter, QueueFilter, ReasonFilter, ScoreFilter

STATUS_CLASSES = {
    Comment.Status.APPROVED: "approved",
    Comment.Status.HELD: "held",
    Comment.Status.PENDING: "pending",
    Comment.Status.SPAM: "spam",
    Comment.Status.REMOVED: "removed",
}

# What the per-row and per-comment buttons offer, in order.
ROW_DECISIONS = [
    ("approve", "Approve"),
    ("reject", "Reject"),
    ("spam", "Spam"),
    ("not_spam", "Not spam"),
]


class CommentAdmin(actions.CommentActionsMixin, admin.ModelAdmin):
    list_display = [
        "excerpt",
        "article_link",
        "commenter",
        "status_badge",
        "score",
        "reasons",
        "report_count",
        "submitted_at",
        "decide",
    ]
    list_display_links = ["excerpt"]
    list_filter = [
        QueueFilter,
        ArticleFilter,
        ReasonFilter,
        ScoreFilter,
        "is_author_reply",
        "submitted_at",
    ]
    search_fields = ["body", "name", "email", "ip_address"]
    search_help_text = "Search the text, name, email or IP address."
    list_select_related = ["article"]
    list_per_page = 100
    # Counting the whole table on every page view is a second full scan at 10,000+ comments.
    show_full_result_count = False
    ordering = ["-submitted_at", "-pk"]
    change_form_template = "admin/comments/comment/change_form.html"

    class Media:
        css = {"all": ["css/moderation-admin.css"]}

    readonly_fields = [
        "article",
        "parent",
        "name",
        "email",
        "user",
        "ip_address",
        "user_agent",
        "status",
        "is_author_reply",
        "spam_score",
        "reasons",
        "spam_model_version",
        "report_count",
        "submitted_at",
        "edited_at",
        "deleted_at",
        "body_display",
    ]
    fieldsets = [
        (None, {"fields": ["body_display", "status", "article", "parent"]}),
        (
            "Commenter",
            {"fields": ["name", "email", "user", "ip_address", "user_agent", "is_author_reply"]},
        ),
        (
            "Spam filter",
            {"fields": ["spam_score", "reasons", "spam_model_version", "report_count"]},
        ),
        ("Times", {"fields": ["submitted_at", "edited_at", "deleted_at"]}),
    ]

    # --- who sees what -------------------------------------------------------------------------
    def get_queryset(self, request):
        return comments_visible_to(user=request.user, queryset=super().get_queryset(request))

    def has_add_permission(self, request):
        return False  # comments come from readers, never from the admin

    def has_delete_permission(self, request, obj=None):
        return False  # "Reject" removes a comment with an audit trail; deleting would not

    # --- columns -----------------------------------------------------------------------------
    @admin.display(description="Comment")
    def excerpt(self, obj):
        return truncatechars(obj.body, 90)

    @admin.display(description="Article", ordering="article__title")
    def article_link(self, obj):
        url = reverse("admin:comments_comment_changelist")
        return format_html(
            '<a href="{}?article={}&amp;queue=all" title="All comments on this article">{}</a>',
            url,
            obj.article_id,
            truncatechars(obj.article.title, 40),
        )

    @admin.display(description="Commenter")
    def commenter(self, obj):
        return format_html(
            "{}{}<br><small>{}{}</small>",
            obj.name,
            " (author)" if obj.is_author_reply else "",
            obj.email or "no email",
            f" · {obj.ip_address}" if obj.ip_address else "",
        )

    @admin.display(description="Status", ordering="status")
    def status_badge(self, obj):
        return format_html(
            '<span class="moderation-status status-{}">{}</span>',
            STATUS_CLASSES.get(obj.status, "other"),
            obj.status,
        )

    @admin.display(description="Score", ordering="spam_score")
    def score(self, obj):
        return "-" if obj.spam_score is None else f"{obj.spam_score:.2f}"

    @admin.display(description="Filter's reasons")
    def reasons(self, obj):
        reasons = [r for r in (obj.spam_reasons or []) if isinstance(r, dict)]
        if not reasons:
            return "-"
        return format_html(
            '<ul class="moderation-reasons">{}</ul>',
            format_html_join(
                "",
                "<li><strong>{}</strong> {} <small>({})</small></li>",
                (
                    (r.get("phase", ""), r.get("message", ""), r.get("score", ""))
                    for r in reasons[:4]
                ),
            ),
        )

    @admin.display(description="Comment text")
    def body_display(self, obj):
        return format_html('<div class="moderation-body">{}</div>', obj.body)

    @admin.display(description="Decide")
    def decide(self, obj):
        # Buttons inside the changelist's own form, posted elsewhere with `formaction`:
        # no nested forms and no JavaScript, and the CSRF token of that form goes along.
        url = reverse("admin:comments_comment_moderate", args=[obj.pk])
        return format_html_join(
            " ",
            '<button type="submit" class="button moderation-row-button" formaction="{}" '
            'name="decision" value="{}">{}</button>',
            ((url, value, label) for value, label in ROW_DECISIONS if value != obj.status),
        )

    # --- the decision page ---------------------------------------------------------------------
    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<int:pk>/moderate/",
                self.admin_site.admin_view(self.moderate_view),
                name="{}_{}_moderate".format(*info),
            ),
            path(
                "ban/",
                self.admin_site.admin_view(self.ban_view),
                name="{}_{}_ban".format(*info),
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        obj = self.get_object(request, object_id)
        if obj is not None:
            extra_context.update(comment_moderation_context(comment=obj))
            extra_context.update(
                decisions=[(v, label) for v, label in ROW_DECISIONS],
                can_ban=self.has_ban_permission(request),
                can_close=self.has_close_permission(request),
                article_open=obj.article.comments_open,
                show_save=False,
                show_save_and_continue=False,
                show_save_and_add_another=False,
                show_delete=False,
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def moderate_view(self, request, pk):
        """One decision on one comment, from the buttons on the change page or a queue row."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        comment = get_object_or_404(self.get_queryset(request).select_related("article"), pk=pk)
        if not self.has_change_permission(request, comment):
            raise PermissionDenied
        decision = request.POST.get("decision", "")
        reason = request.POST.get("reason", "")[:500]
        if decision in actions.DECISION_LABELS:
            done = actions.apply_decision(self, request, [comment.pk], decision, reason=reason)
            if done:
                self.message_user(
                    request,
                    f"Comment #{comment.pk} by {comment.name}: "
                    f"{actions.DECISION_LABELS[decision]}.",
                    messages.SUCCESS,
                )
        elif decision in ("close_article", "reopen_article"):
            if not self.has_close_permission(request):
                raise PermissionDenied
            actions.apply_article_policy(
                self, request, [comment.article], close=decision == "close_article"
            )
        else:
            self.message_user(request, "Choose a decision.", messages.ERROR)
        return HttpResponseRedirect(self._next_url(request, comment))

    def _next_url(self, request, comment):
        wanted = request.POST.get("next", "")
        if wanted and url_has_allowed_host_and_scheme(
            wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return wanted
        referer = request.META.get("HTTP_REFERER", "")
        if referer and url_has_allowed_host_and_scheme(
            referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return referer
        return reverse("admin:comments_comment_change", args=[comment.pk])
