from django.contrib import admin

from .models import AuditEvent, Ban, BannedPhrase, Comment, Report


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "name",
        "article",
        "status",
        "spam_score",
        "is_author_reply",
        "submitted_at",
    ]
    list_filter = ["status", "is_author_reply"]
    search_fields = ["body", "name", "email"]
    list_select_related = ["article"]
    raw_id_fields = ["parent", "root", "user", "article"]


admin.site.register(Ban)
admin.site.register(BannedPhrase)
admin.site.register(Report)
admin.site.register(AuditEvent)
