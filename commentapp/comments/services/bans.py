"""Bans: refuse new comments from an email, an IP address or an account (audited).

`comment_create` checks `ban_find_active` and answers a banned commenter with a neutral
message. A ban can also remove that commenter's earlier comments from the site.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q

from ..models import AuditEvent, Ban, Comment
from .status import comment_change_status


def ban_normalize_value(*, kind: str, value: str) -> str:
    """The stored form of a ban value; ValidationError when it cannot match anyone."""
    value = (value or "").strip()
    if kind == Ban.Kind.EMAIL:
        validate_email(value)
        return value.lower()
    if kind == Ban.Kind.IP:
        try:
            return str(ipaddress.ip_address(value))
        except ValueError:
            raise ValidationError("Enter a valid IPv4 or IPv6 address.") from None
    if kind == Ban.Kind.USER:
        if not value.isdigit() or not get_user_model().objects.filter(pk=int(value)).exists():
            raise ValidationError("Enter the id of an existing account.")
        return value
    raise ValidationError(f"Unknown ban kind {kind!r}.")


def _banned_comments(ban: Ban):
    match = {
        Ban.Kind.EMAIL: Q(email__iexact=ban.value),
        Ban.Kind.IP: Q(ip_address=ban.value),
        Ban.Kind.USER: Q(user_id=int(ban.value)) if ban.value.isdigit() else Q(pk__in=[]),
    }[ban.kind]
    return Comment.objects.filter(match).exclude(
        status__in=[Comment.Status.REMOVED, Comment.Status.SPAM]
    )


def _remove_earlier_comments(*, ban: Ban, actor) -> int:
    removed = 0
    for comment in _banned_comments(ban).select_for_update().order_by("pk"):
        comment_change_status(
            comment=comment,
            status=Comment.Status.REMOVED,
            actor=actor,
            actor_kind=AuditEvent.ActorKind.MODERATOR,
            action="removed with ban",
            reason=f"Ban on {ban}: {ban.reason}" if ban.reason else f"Ban on {ban}",
        )
        removed += 1
    return removed


def ban_save(
    *, ban: Ban, actor, created: bool, remove_earlier_comments: bool = False
) -> tuple[Ban, int]:
    """Save a new or edited ban with its audit event; optionally remove the commenter's
    earlier comments. Returns the ban and how many comments were removed."""
    ban.value = ban_normalize_value(kind=ban.kind, value=ban.value)
    with transaction.atomic():
        if created and actor is not None and ban.created_by_id is None:
            ban.created_by = actor
        ban.save()
        expiry = f"until {ban.expires_at:%Y-%m-%d %H:%M}" if ban.expires_at else "permanent"
        AuditEvent.objects.create(
            ban=ban,
            actor=actor,
            actor_kind=AuditEvent.ActorKind.MODERATOR,
            action="banned" if created else "ban changed",
            reason=f"{ban} ({expiry}){': ' + ban.reason if ban.reason else ''}",
        )
        removed = _remove_earlier_comments(ban=ban, actor=actor) if remove_earlier_comments else 0
    return ban, removed


def ban_create(
    *,
    kind: str,
    value: str,
    actor,
    reason: str = "",
    expires_at: datetime | None = None,
    remove_earlier_comments: bool = False,
) -> tuple[Ban, int]:
    ban = Ban(kind=kind, value=value, reason=reason, expires_at=expires_at)
    return ban_save(
        ban=ban, actor=actor, created=True, remove_earlier_comments=remove_earlier_comments
    )


def ban_lift(*, ban: Ban, actor) -> None:
    """Delete a ban; the audit log keeps a line saying who lifted which ban."""
    with transaction.atomic():
        AuditEvent.objects.create(
            actor=actor,
            actor_kind=AuditEvent.ActorKind.MODERATOR,
            action="ban lifted",
            reason=f"{ban}{': ' + ban.reason if ban.reason else ''}",
        )
        ban.delete()


@dataclass
class BanOutcome:
    bans: list[Ban] = field(default_factory=list)
    removed: int = 0
    skipped: list[str] = field(default_factory=list)  # why a selected comment gave no ban


def _value_for(comment: Comment, kind: str) -> str | None:
    if kind == Ban.Kind.EMAIL:
        return comment.email.lower() or None
    if kind == Ban.Kind.IP:
        return comment.ip_address or None
    return str(comment.user_id) if comment.user_id else None


def ban_commenters(
    *,
    comments: Iterable[Comment],
    kinds: Iterable[str],
    actor,
    reason: str = "",
    expires_at: datetime | None = None,
    remove_earlier_comments: bool = False,
) -> BanOutcome:
    """Ban the email / IP / account behind each comment (each distinct value once)."""
    outcome = BanOutcome()
    seen: set[tuple[str, str]] = set()
    with transaction.atomic():
        for comment in comments:
            for kind in kinds:
                value = _value_for(comment, kind)
                if value is None:
                    label = Ban.Kind(kind).label.lower()
                    outcome.skipped.append(f"comment #{comment.pk} has no {label}")
                    continue
                if (kind, value) in seen:
                    continue
                seen.add((kind, value))
                ban, removed = ban_create(
                    kind=kind,
                    value=value,
                    actor=actor,
                    reason=reason,
                    expires_at=expires_at,
                    remove_earlier_comments=remove_earlier_comments,
                )
                outcome.bans.append(ban)
                outcome.removed += removed
    return outcome
