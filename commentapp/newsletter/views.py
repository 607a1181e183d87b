"""Newsletter pages: the sign-up (footer box), confirmation and unsubscribe.

Pages behind emailed links change nothing on GET (mail scanners prefetch links): they show
a button that POSTs.
"""

from django.core import signing
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from commentapp.comments.ratelimits import rate_limited, too_many_requests

from .forms import SubscribeForm
from .models import Subscriber
from .services import (
    subscriber_confirm,
    subscriber_confirm_check,
    subscriber_request,
    subscriber_unsubscribe,
    subscriber_unsubscribe_check,
)

BAD_LINK = (signing.BadSignature, Subscriber.DoesNotExist)


@require_http_methods(["GET", "POST"])
def subscribe(request):
    if request.method == "GET":
        return render(request, "newsletter/subscribe.html", {"form": SubscribeForm()})
    form = SubscribeForm(request.POST)
    if rate_limited(request, group="newsletter-signup", email=form.posted_email):
        return too_many_requests(
            request, "Too many sign-up attempts from here. Please wait a few minutes."
        )
    if form.is_bot:
        # Same answer as a real sign-up: a bot learns nothing from the response.
        return render(request, "newsletter/check_inbox.html")
    if not form.is_valid():
        return render(request, "newsletter/subscribe.html", {"form": form}, status=400)
    subscriber_request(email=form.cleaned_data["email"])
    return render(request, "newsletter/check_inbox.html")


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    try:
        if request.method == "POST":
            subscriber_confirm(token=token)
            return render(request, "newsletter/link.html", {"state": "confirmed"})
        subscriber_confirm_check(token=token)
    except signing.SignatureExpired:
        return render(request, "newsletter/link.html", {"state": "expired"}, status=400)
    except BAD_LINK:
        return render(request, "newsletter/link.html", {"state": "invalid"}, status=400)
    return render(request, "newsletter/link.html", {"state": "confirm"})


# The signed token is the authorisation; RFC 8058 one-click POSTs from mail providers carry no
# CSRF token, and a forged POST could only unsubscribe.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        if request.method == "POST":
            subscriber_unsubscribe(token=token)
            if request.POST.get("List-Unsubscribe") == "One-Click":
                return HttpResponse("Unsubscribed.", content_type="text/plain")
            return render(request, "newsletter/link.html", {"state": "unsubscribed"})
        subscriber_unsubscribe_check(token=token)
    except BAD_LINK:
        return render(request, "newsletter/link.html", {"state": "invalid"}, status=400)
    return render(request, "newsletter/link.html", {"state": "unsubscribe"})
