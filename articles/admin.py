from django.contrib import admin

from commentapp.newsletter.admin import send_to_subscribers

from .models import Article, AuthorProfile, Footnote


class FootnoteInline(admin.TabularInline):
    model = Footnote
    extra = 1


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "published_at", "comments_open", "moderation_mode"]
    list_filter = ["comments_open", "moderation_mode"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["authors"]
    inlines = [FootnoteInline]
    actions = [send_to_subscribers]


@admin.register(AuthorProfile)
class AuthorProfileAdmin(admin.ModelAdmin):
    list_display = ["display_name", "user", "notify_new_comments"]
    search_fields = ["display_name", "user__username"]
