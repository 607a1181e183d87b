"""The queue's filters. The first one opens the changelist on what needs a decision."""

from django.contrib import admin
from django.db.models import Q

from articles.models import Article
from commentapp.querystring import parse_positive_int

from ..models import Comment
from ..selectors.moderation import MODERATE_ALL_PERMISSION

NEEDS_DECISION = Q(status__in=[Comment.Status.HELD, Comment.Status.PENDING]) | Q(report_count__gt=0)

# The filter's phases (commentapp/spam) plus the site's own reasons (policy, identity).
REASON_PHASES = [
    ("model", "Learned text model"),
    ("garbled_tokens", "Garbled token run"),
    ("near_duplicate", "Near-duplicate of another comment"),
    ("links", "Links"),
    ("banned_phrase", "Banned phrase"),
    ("relevance", "Relevance to the article"),
    ("history", "Commenter's history"),
    ("velocity", "Posting rate"),
    ("policy", "Article pre-moderation"),
    ("identity", "Author's reply"),
]


class QueueFilter(admin.SimpleListFilter):
    """Status, with a default: no parameter means "needs a decision", "All" shows everything."""

    title = "queue"
    parameter_name = "queue"
    DEFAULT = "needs_decision"

    def lookups(self, request, model_admin):
        return [
            (self.DEFAULT, "Needs a decision"),
            ("held", "Held for a moderator"),
            ("pending", "Pending (filter not run yet)"),
            ("reported", "Reported by readers"),
            ("approved", "Approved"),
            ("spam", "Spam"),
            ("removed", "Removed"),
            ("all", "All"),
        ]

    def value(self):
        value = super().value()
        return value if value in dict(self.lookup_choices) else self.DEFAULT

    def choices(self, changelist):
        # No "All" on top: it is a real choice here, because "no parameter" is the queue.
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value()
        if value == self.DEFAULT:
            return queryset.filter(NEEDS_DECISION)
        if value == "reported":
            return queryset.filter(report_count__gt=0)
        if value in Comment.Status.values:
            return queryset.filter(status=value)
        return queryset


class ArticleFilter(admin.SimpleListFilter):
    """The most recent articles (an author sees only theirs); one query whatever the site size.
    Older articles are reached from the "Article" column's links."""

    title = "article"
    parameter_name = "article"
    LIMIT = 30

    def lookups(self, request, model_admin):
        articles = Article.objects.order_by("-published_at")
        if not request.user.has_perm(MODERATE_ALL_PERMISSION):
            articles = articles.filter(authors=request.user)
        chosen = parse_positive_int(self.value())
        wanted = Q(pk__in=articles.values("pk")[: self.LIMIT])
        if chosen is not None:
            wanted |= Q(pk=chosen)
        return list(articles.filter(wanted).order_by("-published_at").values_list("pk", "title"))

    def queryset(self, request, queryset):
        value = parse_positive_int(self.value())
        if value is not None:
            return queryset.filter(article_id=value)
        return queryset


class ReasonFilter(admin.SimpleListFilter):
    title = "filter's reason"
    parameter_name = "reason"

    def lookups(self, request, model_admin):
        return REASON_PHASES

    def queryset(self, request, queryset):
        value = self.value()
        if value in dict(REASON_PHASES):
            # Reasons are stored as [{"phase": ..., "score": ..., "message": ...}]; matching the
            # serialized pair works on SQLite and PostgreSQL alike.
            return queryset.filter(spam_reasons__icontains=f'"phase": "{value}"')
        return queryset


class ScoreFilter(admin.SimpleListFilter):
    title = "spam score"
    parameter_name = "score"
    BANDS = {
        "low": (0.0, 0.3, "Below 0.3"),
        "mid": (0.3, 0.5, "0.3 to 0.5"),
        "high": (0.5, 0.8, "0.5 to 0.8"),
        "spam": (0.8, 1.01, "0.8 and above"),
    }

    def lookups(self, request, model_admin):
        return [(key, label) for key, (_, _, label) in self.BANDS.items()] + [
            ("none", "Not scored")
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "none":
            return queryset.filter(spam_score__isnull=True)
        if value in self.BANDS:
            low, high, _ = self.BANDS[value]
            return queryset.filter(spam_score__gte=low, spam_score__lt=high)
        return queryset
