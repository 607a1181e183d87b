from django.urls import path

from . import views, views_unsubscribe
from .reporting import comment_report

app_name = "comments"

urlpatterns = [
    path("articles/<slug:slug>/comments/post/", views.comment_post, name="post"),
    path("comments/<int:pk>/", views.comment_permalink, name="permalink"),
    path("comments/<int:pk>/report/", comment_report, name="report"),
    path(
        "notifications/unsubscribe/<str:token>/",
        views_unsubscribe.unsubscribe,
        name="unsubscribe",
    ),
]
