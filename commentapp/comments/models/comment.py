"""The reader comment."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse


def commenter_key(*, user_id: int | None, email: str) -> str:
    """Who wrote a comment, for history and duplicate checks: the account, else the email."""
    return f"user:{user_id}" if user_id else f"email:{email.lower()}"


class CommentQuerySet(models.QuerySet):
    def by_commenter(self, *, user_id: int | None, email: str) -> "CommentQuerySet":
        """Comments by the same commenter: the same account, or (anonymous) the same email."""
        if user_id:
            return self.filter(user_id=user_id)
        return self.filter(user=None, email__iexact=email)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending (waiting for the spam filter)"
        APPROVED = "approved", "Approved"
        HELD = "held", "Held for a moderator"
        SPAM = "spam", "Spam"
        REMOVED = "removed", "Removed"

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    # Top-level comment of the thread (None for a top-level comment itself): lets one query
    # fetch whole threads for a page of top-level comments.
    root = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    depth = models.PositiveSmallIntegerField(default=0)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    name = models.CharField(max_length=80)
    email = models.EmailField(max_length=254, blank=True)

    body = models.TextField(help_text="What the commenter typed.")
    body_html = models.TextField(help_text="Sanitized HTML rendered on the page.")

    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    is_author_reply = models.BooleanField(
        default=False, help_text="Set at write time when the user is one of the article's authors."
    )
    spam_score = models.FloatField(null=True, blank=True)
    spam_reasons = models.JSONField(default=list, blank=True)
    spam_model_version = models.CharField(max_length=64, blank=True)
    report_count = models.PositiveIntegerField(default=0)

    notify_replies = models.BooleanField(default=False)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=400, blank=True)

    submitted_at = models.DateTimeField(db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(
        null=True, blank=True, help_text="Deleted by its writer: shown as [deleted], replies kept."
    )
    import_key = models.CharField(max_length=200, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at", "id"]
        indexes = [
            models.Index(fields=["article", "status", "submitted_at"]),
            models.Index(fields=["status", "submitted_at"]),
            # Commenter lookups are case-insensitive (history, duplicates, data requests).
            models.Index(Upper("email"), name="comment_email_ci_idx"),
            models.Index(fields=["root", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "import_key"],
                condition=~models.Q(import_key=""),
                name="unique_import_key_per_article",
            )
        ]
        permissions = [
            # Moderators hold this; members of "Authors" do not and see only their articles.
            ("moderate_all_articles", "Can moderate comments on every article"),
            ("close_article_comments", "Can close or reopen comments on an article"),
        ]

    def __str__(self):
        return f"{self.name}: {self.body[:50]}"

    def get_absolute_url(self):
        return reverse("comments:permalink", kwargs={"pk": self.pk})

    @property
    def commenter_key(self) -> str:
        return commenter_key(user_id=self.user_id, email=self.email)
