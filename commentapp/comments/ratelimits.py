"""Rate limits on what strangers can send: per client IP and per email (or account).

One small helper for every view that takes a stranger's POST (comments, reports, newsletter
sign-up, the API): django-ratelimit counters in the default cache (Redis in production, shared by
every web process). Rates are settings (COMMENTS_RATE_LIMITS) so a site can tune them.

    if rate_limited(request, group="comment-post", email=posted_email):
        return too_many_requests(request)
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import get_usage

from .netaddr import client_ip

DEFAULT_RATES: dict[str, dict[str, str]] = {
    # A person writes a comment in minutes; a script in milliseconds. An office or a mobile
    # carrier may put many readers behind one IP, hence the IP rate is the looser one.
    "comment-post": {"ip": "10/m", "email": "5/m"},
    "comment-report": {"ip": "20/m", "email": "10/m"},
    "newsletter-signup": {"ip": "5/m", "email": "3/h"},
    "data-request": {"ip": "5/m", "email": "3/h"},
    "admin-login": {"ip": "20/m", "username": "5/15m"},
}
TOO_MANY_MESSAGE = "You are doing that too often. Please wait a minute and try again."


def rates_for(group: str) -> dict[str, str]:
    return {**DEFAULT_RATES.get(group, {}), **settings.COMMENTS_RATE_LIMITS.get(group, {})}


def ip_key(group: str, request) -> str:
    """The client's IP as netaddr.client_ip sees it behind TRUSTED_PROXY_COUNT proxies."""
    return client_ip(request) or "unknown"


def email_key(email: str):
    """A key function for the posted email, normalised so case and spaces don't dodge it."""
    normalized = email.strip().lower()
    return lambda group, request: normalized


def _identity_key(request, email: str | None):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return lambda group, r: f"user:{user.pk}"
    if email and email.strip():
        return email_key(email)
    return None


def rate_limited(
    request, *, group: str, email: str | None = None, username: str = "", increment: bool = True
) -> bool:
    """Count this request against the group's limits; True when any of them is exceeded.

    Every applicable counter is incremented (no short-circuit) so switching email does not
    reset the IP counter and vice versa. `email` is the address the stranger typed (or None);
    signed-in users are counted by account. `username` is for login forms. With
    `increment=False` it only reads the counters (is this client already over a limit?).
    """
    rates = rates_for(group)
    checks = []
    if "ip" in rates:
        checks.append((f"{group}:ip", ip_key, rates["ip"]))
    identity = _identity_key(request, email)
    if "email" in rates and identity is not None:
        checks.append((f"{group}:email", identity, rates["email"]))
    if "username" in rates and username:
        normalized = username.strip().lower()
        checks.append(
            (f"{group}:username", lambda g, r: f"{ip_key(g, r)}:{normalized}", rates["username"])
        )
    limited = False
    for counter, key, rate in checks:
        usage = get_usage(request, group=counter, key=key, rate=rate, increment=increment)
        if usage is None:  # limits off, or the cache is down (fail open)
            continue
        # Counting this request, more than `limit` is too many; only reading, `limit` already is.
        limited |= usage["count"] > usage["limit"] - (0 if increment else 1)
    return limited


def too_many_requests(request, message: str = TOO_MANY_MESSAGE):
    """The 429 page: says what happened and what to do, in the site's layout."""
    response = render(request, "429.html", {"message": message}, status=429)
    response["Retry-After"] = "60"
    return response


def ratelimit_post(group: str, *, email_field: str = "email"):
    """Decorator for HTML views taking a stranger's POST: over the limit -> the 429 page."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST" and rate_limited(
                request, group=group, email=request.POST.get(email_field)
            ):
                return too_many_requests(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


LOGIN_LOCKED_MESSAGE = (
    "Too many failed sign-in attempts from here for this account. "
    "Please wait 15 minutes and try again."
)


def throttle_failed_logins(view):
    """Wrap a login view (the admin's, the site's): failed attempts are counted per IP and per
    IP + username; past the limit the form is not even checked and a 429 says why. A successful
    sign-in (a redirect) is not counted."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        username = request.POST.get("username", "")
        if rate_limited(request, group="admin-login", username=username, increment=False):
            return too_many_requests(request, LOGIN_LOCKED_MESSAGE)
        response = view(request, *args, **kwargs)
        if response.status_code != 302:
            rate_limited(request, group="admin-login", username=username)
        return response

    return wrapped
