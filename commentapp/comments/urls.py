from django.urls import path

from .feeds import ArticleCommentsFeed
from .views import data_rights, editing, posting, unsubscribe
from .views.reporting import comment_report

app_name = "comments"

urlpatterns = [
    path("articles/<slug:slug>/comments/post/", posting.comment_post, name="post"),
    path("articles/<slug:slug>/comments/feed/", ArticleCommentsFeed(), name="feed"),
    path("comments/<int:pk>/", posting.comment_permalink, name="permalink"),
    path("comments/<int:pk>/report/", comment_report, name="report"),
    path("comments/<int:pk>/edit/", editing.comment_edit_page, name="edit"),
    path("comments/<int:pk>/delete/", editing.comment_delete_page, name="delete"),
    path("your-data/", data_rights.your_data, name="your-data"),
    path("your-data/<str:token>/", data_rights.your_data_manage, name="your-data-manage"),
    path(
        "your-data/<str:token>/export.json",
        data_rights.your_data_export,
        name="your-data-export",
    ),
    path("your-data/<str:token>/erase/", data_rights.your_data_erase, name="your-data-erase"),
    path(
        "notifications/unsubscribe/<str:token>/",
        unsubscribe.unsubscribe,
        name="unsubscribe",
    ),
]
