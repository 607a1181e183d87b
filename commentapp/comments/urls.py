from django.urls import path

from . import views, views_unsubscribe

app_name = "comments"

urlpatterns = [
    path("articles/<slug:slug>/comments/post/", views.comment_post, name="post"),
    path("comments/<int:pk>/", views.comment_permalink, name="permalink"),
    path(
        "notifications/unsubscribe/<str:token>/",
        views_unsubscribe.unsubscribe,
        name="unsubscribe",
    ),
]
