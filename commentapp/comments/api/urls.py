from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

from . import views

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("articles/counts/", views.ArticleCountsView.as_view(), name="article-counts"),
    path(
        "articles/<str:slug>/comments/",
        views.ArticleCommentsView.as_view(),
        name="article-comments",
    ),
    path("comments/<int:pk>/", views.CommentDetailView.as_view(), name="comment-detail"),
    re_path(r"^(?P<rest>[\s\S]*)\Z", views.ApiNotFoundView.as_view()),
]
