from django.urls import path

from . import views, views_data_rights, views_editing, views_unsubscribe
from .feeds import ArticleCommentsFeed
from .reporting import comment_report

app_name = "comments"

urlpatterns = [
    path("articles/<slug:slug>/comments/post/", views.comment_post, name="post"),
    path("articles/<slug:slug>/comments/feed/", ArticleCommentsFeed(), name="feed"),
    path("comments/<int:pk>/", views.comment_permalink, name="permalink"),
    path("comments/<int:pk>/report/", comment_report, name="report"),
    path("comments/<int:pk>/edit/", views_editing.comment_edit_page, name="edit"),
    path("comments/<int:pk>/delete/", views_editing.comment_delete_page, name="delete"),
    path("your-data/", views_data_rights.your_data, name="your-data"),
    path("your-data/<str:token>/", views_data_rights.your_data_manage, name="your-data-manage"),
    path(
        "your-data/<str:token>/export.json",
        views_data_rights.your_data_export,
        name="your-data-export",
    ),
    path("your-data/<str:token>/erase/", views_data_rights.your_data_erase, name="your-data-erase"),
    path(
        "notifications/unsubscribe/<str:token>/",
        views_unsubscribe.unsubscribe,
        name="unsubscribe",
    ),
]
