"""Bans, banned phrases, reader reports and the audit log."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.template.defaultfilters import truncatechars
from django.urls import reverse
from django.utils.html import format_html

from ..models import Ban
from ..selectors.moderation import MODERATE_ALL_PERMISSION
from ..services import bans


def _comment_link(comment_id, label):
    if comment_id is None:
        return "-"
    url = reverse("admin:comments_comment_change", args=[comment_id])
    return format_html('<a href="{}">{}</a>', url, label)


class BanForm(forms.ModelForm):
    remove_earlier_comments = forms.BooleanField(
        required=False, label="Also remove this commenter's earlier comments from the site"
    )

    class Meta:
        model = Ban
        fields = ["kind", "value", "reason", "expires_at"]

    def clean(self):
        data = super().clean()
        if data.get("kind") and data.get("value"):
            try:
                data["value"] = bans.ban_normalize_value(kind=data["kind"], value=data["value"])
            except ValidationError as error:
                self.add_error("value", error)
        return data


class BanAdmin(admin.ModelAdmin):
    form = BanForm
    list_display = ["kind", "value", "reason", "created_by", "created_at", "expires_at", "active"]
    list_filter = ["kind", "created_at"]
    search_fields = ["value", "reason"]
    list_select_related = ["created_by"]
    readonly_fields = ["created_by", "created_at"]

    @admin.display(boolean=True, description="Active")
    def active(self, obj):
        return obj.is_active()

    def save_model(self, request, obj, form, change):
        bans.ban_save(
            ban=obj,
            actor=request.user,
            created=not change,
            remove_earlier_comments=form.cleaned_data.get("remove_earlier_comments", False),
        )

    def delete_model(self, request, obj):
        bans.ban_lift(ban=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for ban in queryset:
            bans.ban_lift(ban=ban, actor=request.user)


class BannedPhraseAdmin(admin.ModelAdmin):
    list_display = ["phrase", "created_at"]
    search_fields = ["phrase"]


class ScopedToOwnArticlesMixin:
    """Authors (no `moderate_all_articles`) see only rows about their own articles."""

    article_lookup = "comment__article__authors"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.has_perm(MODERATE_ALL_PERMISSION):
            return queryset
        return queryset.filter(**{self.article_lookup: request.user})


class ReadOnlyAdminMixin:
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReportAdmin(ScopedToOwnArticlesMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["comment_link", "reason", "note", "created_at", "resolved_at"]
    list_filter = ["reason", ("resolved_at", admin.EmptyFieldListFilter), "created_at"]
    list_select_related = ["comment"]
    search_fields = ["note", "comment__body"]
    date_hierarchy = None

    @admin.display(description="Comment")
    def comment_link(self, obj):
        return _comment_link(obj.comment_id, f"#{obj.comment_id}: {obj.comment}")


class AuditEventAdmin(ScopedToOwnArticlesMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """The moderation history. Immutable: nobody, not even a superuser, adds, edits or deletes."""

    article_lookup = "article__authors"
    list_display = [
        "created_at",
        "actor_display",
        "actor_kind",
        "action",
        "comment_link",
        "change",
        "reason_excerpt",
    ]
    list_filter = ["actor_kind", "action", "created_at"]
    search_fields = ["reason", "action", "actor__username"]
    list_select_related = ["actor", "comment"]
    show_full_result_count = False

    @admin.display(description="Actor", ordering="actor__username")
    def actor_display(self, obj):
        return obj.actor.get_username() if obj.actor else obj.get_actor_kind_display()

    @admin.display(description="Comment")
    def comment_link(self, obj):
        if obj.comment_id is None:
            return "-"
        return _comment_link(obj.comment_id, f"#{obj.comment_id} {obj.comment.name}")

    @admin.display(description="Status")
    def change(self, obj):
        if not (obj.status_before or obj.status_after):
            return "-"
        return f"{obj.status_before or '-'} → {obj.status_after or '-'}"

    @admin.display(description="Reason")
    def reason_excerpt(self, obj):
        return truncatechars(obj.reason, 120)
