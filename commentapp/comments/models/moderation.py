"""What moderators work with: bans, banned phrases, reader reports and the audit log."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Ban(models.Model):
    class Kind(models.TextChoices):
        EMAIL = "email", "Email address"
        IP = "ip", "IP address"
        USER = "user", "Account"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    value = models.CharField(max_length=254, help_text="Email (lowercase), IP, or user id.")
    reason = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True, help_text="Empty: permanent.")

    class Meta:
        indexes = [models.Index(fields=["kind", "value"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.value}"

    def is_active(self, now=None) -> bool:
        return self.expires_at is None or self.expires_at > (now or timezone.now())


class BannedPhrase(models.Model):
    """A word or phrase the spam filter treats as a strong spam sign (case-insensitive)."""

    phrase = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["phrase"]

    def __str__(self):
        return self.phrase


class Report(models.Model):
    class Reason(models.TextChoices):
        SPAM = "spam", "Spam or advertising"
        ABUSE = "abuse", "Abusive or hateful"
        OFF_TOPIC = "off_topic", "Off topic"
        OTHER = "other", "Something else"

    comment = models.ForeignKey(
        "comments.Comment", on_delete=models.CASCADE, related_name="reports"
    )
    reporter_key = models.CharField(
        max_length=120,
        help_text="user:<id>, or ip:<keyed hash> for anonymous readers: one report per reader.",
    )
    reason = models.CharField(max_length=20, choices=Reason.choices)
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Set when a moderator decides on the comment: `Comment.report_count` counts open reports,
    # so a comment a moderator approved is held again only by new readers' reports.
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter_key"], name="one_report_per_reader"
            )
        ]

    def __str__(self):
        return f"{self.get_reason_display()} on #{self.comment_id}"


class AuditEvent(models.Model):
    """One immutable line of the moderation history: who did what to which comment or ban."""

    class ActorKind(models.TextChoices):
        MODERATOR = "moderator", "Moderator"
        AUTHOR = "author", "Article author"
        FILTER = "filter", "Spam filter"
        READER = "reader", "Reader"
        SYSTEM = "system", "System"

    comment = models.ForeignKey(
        "comments.Comment", null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    ban = models.ForeignKey(Ban, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # The article concerned (comment events and close/reopen): scopes an author's view of the log.
    article = models.ForeignKey(
        "articles.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_kind = models.CharField(max_length=10, choices=ActorKind.choices)
    action = models.CharField(max_length=40)
    status_before = models.CharField(max_length=10, blank=True)
    status_after = models.CharField(max_length=10, blank=True)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_kind} {self.action}"

    def save(self, *args, **kwargs):
        # The log is append-only: an existing event is never rewritten.
        if self.pk is not None:
            raise ValueError("Audit events are immutable.")
        super().save(*args, **kwargs)
