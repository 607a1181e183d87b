"""One-click unsubscribe from reply notifications and author alerts (no login).

The link in the email opens a page with a button (GET changes nothing, so mail scanners that
prefetch links cannot unsubscribe anyone); the button, or a mail client's RFC 8058 one-click
POST, applies it.
"""

from django.core import signing
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from ..services.notifications import (
    KIND_REPLIES,
    notifications_unsubscribe,
    unsubscribe_token_read,
)


# The signed token in the URL is the authorisation; RFC 8058 POSTs come from mail providers,
# which cannot carry a CSRF token, and a forged POST could only unsubscribe.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        unsubscribe_request = unsubscribe_token_read(token)
    except signing.BadSignature:
        return render(request, "comments/unsubscribe.html", {"state": "invalid"}, status=400)
    context = {
        "what": (
            "emails about replies to your comments"
            if unsubscribe_request.kind == KIND_REPLIES
            else "emails about new comments on your articles"
        ),
    }
    if request.method == "POST":
        notifications_unsubscribe(request=unsubscribe_request)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse("Unsubscribed.", content_type="text/plain")
        return render(request, "comments/unsubscribe.html", {**context, "state": "done"})
    return render(request, "comments/unsubscribe.html", {**context, "state": "confirm"})
