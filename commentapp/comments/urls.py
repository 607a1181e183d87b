from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("articles/<slug:slug>/comments/post/", views.comment_post, name="post"),
    path("comments/<int:pk>/", views.comment_permalink, name="permalink"),
]
