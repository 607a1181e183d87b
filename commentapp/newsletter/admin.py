from django.contrib import admin, messages

from .models import Mailing, Subscriber
from .services import MailingRefused, mailing_create


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "created_at", "confirmed_at", "unsubscribed_at"]
    list_filter = [("confirmed_at", admin.EmptyFieldListFilter), "unsubscribed_at"]
    search_fields = ["email"]
    readonly_fields = ["created_at", "confirmation_sent_at", "confirmed_at", "unsubscribed_at"]


@admin.register(Mailing)
class MailingAdmin(admin.ModelAdmin):
    list_display = ["article", "created_at", "created_by", "sent_count", "finished_at"]
    list_select_related = ["article", "created_by"]
    readonly_fields = [
        "article",
        "created_at",
        "created_by",
        "last_subscriber_id",
        "cursor",
        "sent_count",
        "finished_at",
    ]

    def has_add_permission(self, request):
        return False  # created by the "Send to newsletter subscribers" action on articles


@admin.action(description="Send to newsletter subscribers (once per article)")
def send_to_subscribers(modeladmin, request, queryset):
    """Admin action for ArticleAdmin."""
    for article in queryset:
        try:
            mailing_create(article=article, created_by=request.user)
        except MailingRefused as error:
            modeladmin.message_user(request, f"{article}: {error.message}", messages.WARNING)
        else:
            modeladmin.message_user(
                request, f"{article}: sending to subscribers in the background.", messages.SUCCESS
            )
