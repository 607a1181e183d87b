"""Moderator alert digests: what was mailed, so a held comment is announced once."""

from django.db import models
from django.utils import timezone


class ModeratorDigest(models.Model):
    """One digest mail to the moderators, listing comments newly held since the previous one."""

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    comments = models.ManyToManyField("comments.Comment", related_name="moderator_digests")
    recipient_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = "created_at"

    def __str__(self):
        return f"Digest {self.created_at:%Y-%m-%d %H:%M}"
