"""Reads about bans."""

from django.db.models import Q
from django.utils import timezone

from ..models import Ban


def ban_find_active(*, email: str = "", ip_address: str | None = None, user=None) -> Ban | None:
    """The first unexpired ban matching the email, IP or account, if any."""
    match = Q()
    if email:
        match |= Q(kind=Ban.Kind.EMAIL, value=email.strip().lower())
    if ip_address:
        match |= Q(kind=Ban.Kind.IP, value=ip_address)
    if user is not None and user.is_authenticated:
        match |= Q(kind=Ban.Kind.USER, value=str(user.pk))
    if not match:
        return None
    now = timezone.now()
    return (
        Ban.objects.filter(match)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .order_by("pk")
        .first()
    )
