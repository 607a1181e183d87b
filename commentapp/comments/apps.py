from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "commentapp.comments"
    label = "comments"
    verbose_name = "Comments"
