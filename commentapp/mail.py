"""Building and sending the site's emails (reply notifications, newsletter, data requests).

One place that knows how links in emails are made absolute and how an unsubscribe link is
advertised to mail clients (RFC 2369 List-Unsubscribe + RFC 8058 one-click POST).
"""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.template.loader import render_to_string


def absolute_url(path: str) -> str:
    """A site path as a link that works from an email (SITE_URL is the public address)."""
    return settings.SITE_URL.rstrip("/") + path


def _one_line(text: str) -> str:
    # A newline in a header is refused by Django (header injection): titles and names from
    # readers are squashed to one line instead of failing the whole send.
    return " ".join(text.split())


def email_build(
    *,
    to: str,
    subject: str,
    template: str,
    context: dict,
    unsubscribe_url: str | None = None,
) -> EmailMessage:
    """A plain-text email rendered from `template` (autoescape off in the template: it is text)."""
    body = render_to_string(template, {**context, "unsubscribe_url": unsubscribe_url})
    headers = {}
    if unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return EmailMessage(
        subject=_one_line(subject),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers,
    )


def emails_send(messages: Iterable[EmailMessage]) -> int:
    """Send over one connection of the default mailer; raises on a transport error (the
    calling task retries)."""
    messages = list(messages)
    if not messages:
        return 0
    return mailers.default.send_messages(messages) or 0
