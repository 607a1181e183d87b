"""The spam-filter step: build the context, run the engine, apply the verdict once."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone

from articles.models import Article
from articles.rendering import plain_text as article_plain_text
from commentapp import spam
from commentapp.tasks_util import enqueue_safely

from ..models import AuditEvent, Comment
from ..models.comment import commenter_key
from .learning import banned_phrases_current, spam_model_current
from .status import comment_transition_record

EARLIER_COMMENTS_LIMIT = 200
VELOCITY_WINDOW = timedelta(minutes=10)


def enqueue_classification(comment_id: int) -> None:
    """Queue the spam check. If the broker is down the comment stays `pending` and the
    beat sweeper re-queues it later: the reader's post must succeed either way."""
    from ..tasks import classify_comment_task

    enqueue_safely(
        classify_comment_task, comment_id, consequence="The pending-comment sweeper will retry."
    )


def spam_context_for(comment: Comment) -> spam.Context:
    """What the filter needs to know beyond the text (a few bounded queries)."""
    article = comment.article
    earlier = (
        Comment.objects.filter(article=article, pk__lt=comment.pk)
        .exclude(status__in=[Comment.Status.SPAM, Comment.Status.REMOVED])
        .order_by("-pk")
        .values_list("body", "user_id", "email")[:EARLIER_COMMENTS_LIMIT]
    )
    earlier_comments = tuple(
        spam.EarlierComment(text=body, commenter=commenter_key(user_id=user_id, email=email))
        for body, user_id, email in reversed(earlier)
    )
    history = Comment.objects.exclude(pk=comment.pk).by_commenter(
        user_id=comment.user_id, email=comment.email
    )
    counts = history.aggregate(
        approved=Count("pk", filter=Q(status=Comment.Status.APPROVED)),
        spam=Count("pk", filter=Q(status=Comment.Status.SPAM)),
        recent=Count(
            "pk",
            filter=Q(
                submitted_at__gte=comment.submitted_at - VELOCITY_WINDOW,
                submitted_at__lte=comment.submitted_at,
            ),
        ),
    )
    return spam.Context(
        article_title=article.title,
        article_text=article_plain_text(article.body),
        earlier_comments=earlier_comments,
        commenter=comment.commenter_key,
        approved_before=counts["approved"],
        spam_before=counts["spam"],
        recent_posts=counts["recent"],
        banned_phrases=banned_phrases_current(),
        hold_threshold=settings.SPAM_HOLD_THRESHOLD,
        spam_threshold=settings.SPAM_SPAM_THRESHOLD,
    )


def _policy_hold_reason(comment: Comment, *, approved_before: int) -> str | None:
    """The article's moderation mode may hold a comment the filter would approve."""
    mode = comment.article.moderation_mode
    if mode == Article.ModerationMode.ALL:
        return "This article pre-moderates every comment."
    if mode == Article.ModerationMode.FIRST_TIME and not approved_before:
        return "First comment from this commenter: this article pre-moderates newcomers."
    return None


def _skip_commit_flush() -> None:
    """A verdict can always be recomputed: if PostgreSQL crashed right after this commit, the
    comment would simply still be `pending` and the sweeper would queue it again. So don't make
    the worker wait for the WAL flush (the comment itself was saved with a normal commit)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def comment_classify(*, comment_id: int, notify: bool = True) -> Comment | None:
    """Run the filter on a pending comment and apply its verdict (`notify=False`: an import,
    whose approvals must not email anyone).

    Idempotent: a comment that is no longer `pending` (already classified, or decided by a
    moderator meanwhile) is left alone, so a redelivered task changes nothing.
    """
    # get(), not filter().first(): first() adds the model's ORDER BY to a primary-key lookup,
    # and compiling that costs more than the lookup itself, once per comment in the worker.
    try:
        comment = Comment.objects.select_related("article").get(pk=comment_id)
    except Comment.DoesNotExist:
        return None
    if comment.status != Comment.Status.PENDING:
        return comment

    if comment.is_author_reply:
        score, label, model_version = 0.0, Comment.Status.APPROVED, ""
        reasons = [
            {"phase": "identity", "score": 0.0, "message": "Written by the article's author."}
        ]
    else:
        model = spam_model_current()
        context = spam_context_for(comment)
        verdict = spam.classify(comment.body, context, model=model)
        score, label, model_version = verdict.score, verdict.label, verdict.model_version
        reasons = [
            {"phase": r.phase, "score": round(r.score, 3), "message": r.message}
            for r in verdict.reasons
        ]
        hold = _policy_hold_reason(comment, approved_before=context.approved_before)
        if label == Comment.Status.APPROVED and hold:
            label = Comment.Status.HELD
            reasons.append({"phase": "policy", "score": 0.0, "message": hold})

    summary = "; ".join(r["message"] for r in reasons[:3])
    with transaction.atomic():
        _skip_commit_flush()
        # Compare-and-set: apply the verdict only to the text we scored, if it is still
        # pending. A redelivered task, a moderator's decision meanwhile, or an edit (which
        # queues its own check) makes this a no-op.
        applied = Comment.objects.filter(
            pk=comment.pk, status=Comment.Status.PENDING, body=comment.body
        ).update(
            status=label,
            spam_score=score,
            spam_reasons=reasons,
            spam_model_version=model_version,
            updated_at=timezone.now(),
        )
        if not applied:
            return Comment.objects.filter(pk=comment.pk).first()
        comment.status = label
        comment.spam_score, comment.spam_reasons = score, reasons
        comment.spam_model_version = model_version
        comment_transition_record(
            comment=comment,
            status_before=Comment.Status.PENDING,
            notify=notify,
            actor=None,
            actor_kind=AuditEvent.ActorKind.FILTER,
            action="classified",
            reason=f"score {score:.2f}: {summary}" if summary else f"score {score:.2f}",
        )
    return comment


def comment_ids_stale_pending(*, older_than: timedelta | None = None) -> list[int]:
    cutoff = timezone.now() - (older_than or settings.COMMENTS_PENDING_REQUEUE_AFTER)
    return list(
        # updated_at, not submitted_at: an edit sends an old comment back to pending, and it
        # was queued then.
        Comment.objects.filter(status=Comment.Status.PENDING, updated_at__lt=cutoff)
        .order_by("pk")
        .values_list("pk", flat=True)[:1000]
    )
