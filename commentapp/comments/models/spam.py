"""What the spam filter learns from: moderator decisions and the models built from them."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class TrainingExample(models.Model):
    """A moderator's "spam" / "not spam" decision, kept as a labelled text for the filter."""

    comment = models.ForeignKey(
        "comments.Comment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    is_spam = models.BooleanField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    used_in_version = models.CharField(max_length=64, blank=True)

    def __str__(self):
        return f"{'spam' if self.is_spam else 'ham'}: {self.text[:50]}"


class SpamModelVersion(models.Model):
    """The site's learned text model after moderator feedback (the shipped one is version 0)."""

    version = models.CharField(max_length=64, unique=True)
    data = models.BinaryField(help_text="TextModel.to_bytes(): a safe format, never a pickle.")
    example_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = "created_at"

    def __str__(self):
        return self.version
