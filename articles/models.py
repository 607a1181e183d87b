"""Articles, their authors' profiles and footnotes."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


class AuthorProfile(models.Model):
    """Public face of a user who writes articles: shown in the byline and "About the author"."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="author_profile"
    )
    display_name = models.CharField(max_length=120)
    bio = models.TextField(blank=True)
    notify_new_comments = models.BooleanField(
        default=False, help_text="Email me when a comment on one of my articles is approved."
    )

    class Meta:
        ordering = ["display_name"]

    def __str__(self):
        return self.display_name


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles readers may see: a future `published_at` schedules the article."""
        return self.filter(published_at__lte=timezone.now())

    def visible_to(self, user):
        """Staff may preview scheduled articles; everyone else sees published ones only."""
        return self if user is not None and user.is_staff else self.published()


class Article(models.Model):
    class ModerationMode(models.TextChoices):
        POST = "post", "Post-moderation: the spam filter decides"
        FIRST_TIME = "first_time", "Pre-moderate first-time commenters"
        ALL = "all", "Pre-moderate every comment"

    slug = models.SlugField(max_length=200, unique=True)
    title = models.CharField(max_length=250)
    standfirst = models.CharField(max_length=400, blank=True)
    body = models.TextField(
        help_text="Paragraphs separated by a blank line. Footnotes: [1], [2] … or [i], [ii] …"
    )
    authors = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="articles")
    published_at = models.DateTimeField(default=timezone.now, db_index=True)
    comments_open = models.BooleanField(default=True)
    auto_close_after_days = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Close comments this many days after publishing. Empty: the site default.",
    )
    moderation_mode = models.CharField(
        max_length=20, choices=ModerationMode.choices, default=ModerationMode.POST
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.published_at <= timezone.now()


class Footnote(models.Model):
    """One entry of the article's references list, linked from a marker like [1] in the body."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="footnotes")
    marker = models.CharField(max_length=10, help_text="As written in the body without brackets.")
    text = models.TextField()
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "marker"], name="unique_footnote_marker")
        ]

    def __str__(self):
        return f"[{self.marker}] {self.text[:60]}"

    @property
    def anchor(self) -> str:
        from .rendering import anchor_id

        return anchor_id(self.marker)
