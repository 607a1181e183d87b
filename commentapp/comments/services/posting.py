"""Creating a comment: validation that no caller may skip, sanitizing, identity, saving."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from articles.models import Article
from articles.policy import article_accepts_comments

from ..identity import has_format_chars, normalized_name, user_display_name
from ..models import Comment
from ..sanitizer import CONTROL_CHARS_RE, plain_text, sanitize_comment
from ..selectors.bans import ban_find_active
from .classification import enqueue_classification

# A second identical submission within this window is a double click, not a new comment.
DUPLICATE_WINDOW = timedelta(minutes=2)
NEUTRAL_BAN_MESSAGE = "Your comment could not be posted."


class CommentRejected(ValidationError):
    """The rules refuse this comment. `message_dict` maps a form field (or '__all__') to why."""


def _reject(field: str, message: str):
    raise CommentRejected({field: [message]})


def _validate_text_fields(*, name: str, email: str, body: str, anonymous: bool) -> None:
    for field, value in (("name", name), ("email", email), ("body", body)):
        if "\x00" in value or CONTROL_CHARS_RE.search(value):
            _reject(field, "Remove the control characters from this field.")
    if len(body) > settings.COMMENTS_BODY_MAX_LENGTH:
        _reject("body", f"Keep comments under {settings.COMMENTS_BODY_MAX_LENGTH:,} characters.")
    if not anonymous:
        return
    if not name.strip():
        _reject("name", "Please give a name to show with your comment.")
    if has_format_chars(name):
        _reject(
            "name", "Remove the invisible characters (such as zero-width spaces) from your name."
        )
    if len(name) > settings.COMMENTS_NAME_MAX_LENGTH:
        _reject("name", f"Keep your name under {settings.COMMENTS_NAME_MAX_LENGTH} characters.")
    try:
        validate_email(email)
    except ValidationError:
        _reject("email", "Enter a valid email address.")


def _validate_parent(*, article: Article, parent: Comment | None, require_visible: bool) -> None:
    if parent is None:
        return
    if parent.article_id != article.pk:
        _reject("parent", "You can only reply to a comment on this article.")
    hidden = parent.status != Comment.Status.APPROVED or parent.deleted_at is not None
    if parent.status == Comment.Status.REMOVED or (require_visible and hidden):
        _reject("parent", "The comment you are replying to is no longer available.")
    if parent.depth + 1 >= settings.COMMENTS_MAX_DEPTH:
        _reject("parent", "This conversation is nested as deep as it goes; reply further up.")


def _validate_identity(*, article: Article, user, name: str) -> None:
    """An anonymous poster may not pass as one of the article's authors."""
    if user is not None:
        return
    wanted = normalized_name(name)
    for author in article.authors.all():
        taken = {normalized_name(user_display_name(author)), normalized_name(author.get_username())}
        if wanted in taken:
            _reject(
                "name",
                "That name belongs to an author of this article. Please choose another, "
                "or sign in if it is you.",
            )


def _recent_duplicate(*, article, user, email, body, parent) -> Comment | None:
    since = timezone.now() - DUPLICATE_WINDOW
    candidates = Comment.objects.filter(
        article=article, parent=parent, body=body, submitted_at__gte=since
    ).by_commenter(user_id=user.pk if user else None, email=email)
    return candidates.order_by("pk").first()


@dataclass(frozen=True, slots=True)
class CommentText:
    name: str
    email: str
    body: str
    body_html: str


def comment_text_validated(
    *, article: Article, user, name: str, email: str, body: str, ip_address: str | None = None
) -> CommentText:
    """The checks every write of a comment's words goes through (a new comment, a re-import):
    limits and control characters, the identity rules, bans, then the sanitizer.

    A signed-in user's name and email come from the account, never from the input.
    """
    body = body.strip()
    if user is not None:
        name, email = user_display_name(user), user.email
    name, email = name.strip(), email.strip()
    _validate_text_fields(name=name, email=email, body=body, anonymous=user is None)
    _validate_identity(article=article, user=user, name=name)
    if ban_find_active(email=email, ip_address=ip_address, user=user) is not None:
        _reject("__all__", NEUTRAL_BAN_MESSAGE)
    body_html = sanitize_comment(body)
    if not plain_text(body_html):
        _reject("body", "Your comment is empty once formatting is removed; please write some text.")
    return CommentText(name=name, email=email, body=body, body_html=body_html)


def comment_create(
    *,
    article: Article,
    body: str,
    name: str = "",
    email: str = "",
    user=None,
    parent: Comment | None = None,
    ip_address: str | None = None,
    user_agent: str = "",
    notify_replies: bool = False,
    status: str | None = None,
    submitted_at: datetime | None = None,
    import_key: str = "",
    trusted_import: bool = False,
    enqueue: bool = True,
) -> Comment:
    """Validate, sanitize and save a comment as `pending`, then queue the spam check.

    `status` stores an already-moderated comment (imports) and skips the spam check; the
    sanitizer and the identity rules still apply. Raises CommentRejected with a message per field.
    """
    if user is not None and not user.is_authenticated:
        user = None
    text = comment_text_validated(
        article=article, user=user, name=name, email=email, body=body, ip_address=ip_address
    )
    name, email, body, body_html = text.name, text.email, text.body, text.body_html
    if not trusted_import and not article_accepts_comments(article):
        _reject("__all__", "Comments are closed on this article.")
    _validate_parent(article=article, parent=parent, require_visible=not trusted_import)
    if status is not None and status not in Comment.Status.values:
        _reject("status", f"Unknown status {status!r}.")

    if not trusted_import:
        duplicate = _recent_duplicate(
            article=article, user=user, email=email, body=body, parent=parent
        )
        if duplicate is not None:
            return duplicate

    author_ids = {a.pk for a in article.authors.all()}
    with transaction.atomic():
        comment = Comment.objects.create(
            article=article,
            parent=parent,
            root_id=(parent.root_id or parent.pk) if parent else None,
            depth=parent.depth + 1 if parent else 0,
            user=user,
            name=name,
            email=email,
            body=body,
            body_html=body_html,
            status=status or Comment.Status.PENDING,
            is_author_reply=user is not None and user.pk in author_ids,
            notify_replies=notify_replies and bool(email),
            ip_address=ip_address or None,
            user_agent=user_agent[:400],
            submitted_at=submitted_at or timezone.now(),
            import_key=import_key,
        )
        if comment.status == Comment.Status.PENDING and enqueue:
            transaction.on_commit(lambda: enqueue_classification(comment.pk))
    return comment
