""" "Your data": ask by email for an export or the erasure of your comments."""

import json

from django.core import signing
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_POST

from ..forms import DataRequestForm
from ..ratelimits import rate_limited, too_many_requests
from ..services.data_rights import (
    commenter_comments,
    commenter_data_erase,
    commenter_data_export,
    data_request_email,
    data_request_start,
)

TEMPLATE = "comments/your_data.html"


@require_http_methods(["GET", "POST"])
def your_data(request):
    if request.method == "GET":
        return render(request, TEMPLATE, {"state": "ask", "form": DataRequestForm()})
    form = DataRequestForm(request.POST)
    if rate_limited(request, group="data-request", email=request.POST.get("email")):
        return too_many_requests(request)
    if form.is_bot:
        return render(request, TEMPLATE, {"state": "sent"})
    if not form.is_valid():
        return render(request, TEMPLATE, {"state": "ask", "form": form}, status=400)
    data_request_start(email=form.cleaned_data["email"])
    return render(request, TEMPLATE, {"state": "sent"})


def _email_or_error(request, token):
    try:
        return data_request_email(token=token), None
    except signing.SignatureExpired:
        state = "expired"
    except signing.BadSignature:
        state = "invalid"
    form = DataRequestForm()
    return None, render(request, TEMPLATE, {"state": state, "form": form}, status=400)


@require_http_methods(["GET"])
def your_data_manage(request, token):
    email, error = _email_or_error(request, token)
    if error:
        return error
    count = commenter_comments(email=email).exclude(body="").count()
    context = {"state": "manage", "email": email, "count": count, "token": token}
    return render(request, TEMPLATE, context)


@require_http_methods(["GET"])
def your_data_export(request, token):
    email, error = _email_or_error(request, token)
    if error:
        return error
    data = commenter_data_export(email=email)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="my-comments.json"'
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def your_data_erase(request, token):
    email, error = _email_or_error(request, token)
    if error:
        return error
    erased = commenter_data_erase(email=email)
    return render(request, TEMPLATE, {"state": "erased", "count": erased})
