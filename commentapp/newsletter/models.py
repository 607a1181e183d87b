"""Newsletter subscribers (double opt-in) and the record of each article sent to them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class SubscriberQuerySet(models.QuerySet):
    def receiving(self):
        """Confirmed and not unsubscribed: the people a mailing goes to."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)


class Subscriber(models.Model):
    email = models.EmailField(max_length=254, unique=True, help_text="Stored lowercase.")
    created_at = models.DateTimeField(default=timezone.now)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when the address owner clicked the emailed link."
    )
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        indexes = [
            models.Index(
                fields=["id"],
                condition=Q(confirmed_at__isnull=False, unsubscribed_at__isnull=True),
                name="newsletter_receiving_idx",
            )
        ]

    def __str__(self):
        return self.email

    @property
    def is_receiving(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None


class Mailing(models.Model):
    """An article sent to the subscribers. One per article (the unique key is the guarantee
    that a second click, a second admin or a retried task never sends it twice).

    Batches are claimed in subscriber-id order: `cursor` is the last id claimed, and
    `last_subscriber_id` fixes the audience when the mailing was created.
    """

    article = models.OneToOneField(
        "articles.Article", on_delete=models.CASCADE, related_name="newsletter_mailing"
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_subscriber_id = models.PositiveBigIntegerField(default=0)
    cursor = models.PositiveBigIntegerField(default=0)
    sent_count = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Newsletter: {self.article}"
