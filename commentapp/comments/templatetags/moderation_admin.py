"""The moderation dashboard on the admin index page."""

from django import template
from django.urls import reverse

from ..selectors.moderation import moderation_dashboard_counts

register = template.Library()


@register.inclusion_tag("admin/comments/dashboard.html", takes_context=True)
def moderation_dashboard(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.has_perm("comments.view_comment"):
        return {"show": False}
    return {
        "show": True,
        "counts": moderation_dashboard_counts(user=user),
        "queue_url": reverse("admin:comments_comment_changelist"),
    }
