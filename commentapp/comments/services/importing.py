"""Import one article and its thread through the same pipeline as a web post.

The contract (DESIGN.md, "import_thread"): one result per comment, in file order, then the
article's URL. Importing the same file twice updates, never duplicates (comments are matched by
their `key` within the article). A refused comment yields an error result and the import goes on.
"""

from collections.abc import Iterator
from datetime import UTC

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.dateparse import parse_datetime

from articles.models import Article, AuthorProfile, Footnote

from ..models import AuditEvent, Comment
from ..thread.cache import thread_cache_invalidate
from .classification import comment_classify
from .posting import CommentRejected, comment_create, comment_text_validated
from .status import comment_change_status


class ImportFormatError(ValueError):
    """The file is not an import_thread document (wrong shape): nothing was imported."""


def _require(mapping, key, where):
    if not isinstance(mapping, dict) or key not in mapping:
        raise ImportFormatError(f"{where} needs a {key!r} field")
    return mapping[key]


def _user(username: str, *, email: str = "", name: str = ""):
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username, defaults={"email": email})
    if created:
        user.set_unusable_password()
        user.first_name = name[:150]
        user.save(update_fields=["password", "first_name"])
    return user


def article_upsert(data: dict) -> Article:
    """Create or update the article, its author account and profile, and its footnotes."""
    slug = _require(data, "slug", "article")
    author_data = _require(data, "author", "article")
    username = _require(author_data, "username", "article.author")
    author = _user(username, email=author_data.get("email", ""), name=author_data.get("name", ""))
    AuthorProfile.objects.update_or_create(
        user=author,
        defaults={
            "display_name": author_data.get("name") or username,
            "bio": author_data.get("bio", ""),
        },
    )
    article, _ = Article.objects.update_or_create(
        slug=slug,
        defaults={"title": data.get("title") or slug, "body": data.get("body", "")},
    )
    article.authors.add(author)
    footnotes = data.get("footnotes") or []
    markers = [str(_require(f, "marker", "footnote")) for f in footnotes]
    article.footnotes.exclude(marker__in=markers).delete()
    for position, (marker, note) in enumerate(zip(markers, footnotes, strict=True)):
        Footnote.objects.update_or_create(
            article=article,
            marker=marker,
            defaults={"text": note.get("text", ""), "position": position},
        )
    return Article.objects.prefetch_related("authors__author_profile").get(pk=article.pk)


def _submitted_at(raw):
    if raw in (None, ""):
        return None
    try:
        when = parse_datetime(str(raw))
    except ValueError:  # well-formed but impossible, e.g. month 13
        when = None
    if when is None:
        raise CommentRejected({"submitted_at": [f"Not an ISO 8601 time: {raw!r}"]})
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _commenter(article: Article, item: dict):
    if item.get("by_author"):
        return article.authors.all()[0]
    if item.get("user"):
        return _user(str(item["user"]), email=item.get("email", ""), name=item.get("name", ""))
    return None


def _update_existing(comment: Comment, item: dict, user, status: str | None) -> Comment:
    """Re-import of a known key: the same checks as a new comment, the moderation history kept.

    New words without a given status go back through the filter; a given status is applied as
    a logged transition.
    """
    article = comment.article
    text = comment_text_validated(
        article=article,
        user=user,
        name=str(item.get("name", "")),
        email=str(item.get("email", "")),
        body=str(item.get("body", "")),
    )
    words_changed = text.body != comment.body
    comment.name, comment.email = text.name, text.email
    comment.body, comment.body_html = text.body, text.body_html
    comment.user = user
    comment.is_author_reply = user is not None and user in article.authors.all()
    comment.save()
    if status is None and words_changed:
        status = Comment.Status.PENDING
    if status is not None and status != comment.status:
        comment_change_status(
            comment=comment,
            status=status,
            actor_kind=AuditEvent.ActorKind.SYSTEM,
            action="re-imported",
            reason="import_thread" + ("" if words_changed else ": status from the file"),
            notify=False,
        )
    if comment.status == Comment.Status.PENDING:
        return comment_classify(comment_id=comment.pk, notify=False)
    return comment


def _import_one(article: Article, item: dict, by_key: dict[str, Comment]) -> Comment:
    key = str(_require(item, "key", "comment"))
    parent_key = item.get("parent")
    parent = None
    if parent_key is not None:
        parent = by_key.get(str(parent_key))
        if parent is None:
            raise CommentRejected({"parent": [f"Unknown parent key {parent_key!r}"]})
    status = item.get("status")
    if status is not None and status not in Comment.Status.values:
        raise CommentRejected({"status": [f"Unknown status {status!r}"]})
    user = _commenter(article, item)
    existing = by_key.get(key)
    if existing is not None:
        return _update_existing(existing, item, user, status)
    comment = comment_create(
        article=article,
        body=str(item.get("body", "")),
        name=str(item.get("name", "")),
        email=str(item.get("email", "")),
        user=user,
        parent=parent,
        status=status,
        submitted_at=_submitted_at(item.get("submitted_at")),
        import_key=key,
        trusted_import=True,
        enqueue=False,
    )
    if status is None:
        comment = comment_classify(comment_id=comment.pk, notify=False)
    return comment


def _error_message(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(
            msg if field == "__all__" else f"{field}: {msg}"
            for field, msgs in error.message_dict.items()
            for msg in msgs
        )
    return "; ".join(error.messages)


def thread_import(document: dict) -> Iterator[dict]:
    """Yield one result dict per comment, then {"article_url": ...}."""
    article_data = _require(document, "article", "document")
    comments = document.get("comments") or []
    if not isinstance(comments, list):
        raise ImportFormatError("'comments' must be a list")
    with transaction.atomic():
        article = article_upsert(article_data)
    by_key = {
        c.import_key: c for c in Comment.objects.filter(article=article).exclude(import_key="")
    }
    for item in comments:
        key = item.get("key") if isinstance(item, dict) else None
        try:
            with transaction.atomic():
                comment = _import_one(article, item, by_key)
        except ImportFormatError as error:
            yield {"key": key, "error": str(error)}
            continue
        except ValidationError as error:
            yield {"key": key, "error": _error_message(error)}
            continue
        by_key[comment.import_key] = comment
        yield {
            "key": key,
            "id": comment.pk,
            "status": comment.status,
            "author_reply": comment.is_author_reply,
            "spam_score": comment.spam_score,
            "reasons": [r["message"] for r in comment.spam_reasons],
        }
    # Comments stored with a given status skip the status hook: refresh the article's pages once.
    thread_cache_invalidate(article_id=article.pk)
    yield {"article_url": settings.SITE_URL.rstrip("/") + article.get_absolute_url()}
