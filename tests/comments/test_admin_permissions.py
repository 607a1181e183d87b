"""Who may do what on the moderation desk: each boundary through the real admin."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from commentapp.comments.models import Ban, Comment
from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:comments_comment_changelist")


def test_moderators_group_has_exactly_the_permissions_it_needs(db):
    perms = {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name="Moderators").permissions.select_related("content_type")
    }
    assert {"comments.view_comment", "comments.change_comment", "comments.add_ban"} <= perms
    assert {"comments.view_report", "comments.view_auditevent"} <= perms
    assert not {p for p in perms if p.startswith(("auth.", "articles."))}
    assert "comments.delete_comment" not in perms
    assert not {p for p in perms if p.endswith("_auditevent") and not p.startswith("comments.v")}


def test_moderator_is_staff_not_superuser_and_cannot_edit_articles_or_users(
    moderator, moderator_client, article
):
    assert moderator.is_staff and not moderator.is_superuser
    assert moderator_client.get(QUEUE).status_code == 200
    change_article = reverse("admin:articles_article_change", args=[article.pk])
    assert moderator_client.get(change_article).status_code == 403
    assert moderator_client.post(change_article, {"title": "Defaced"}).status_code == 403
    change_user = reverse("admin:auth_user_change", args=[moderator.pk])
    assert moderator_client.get(change_user).status_code == 403
    assert moderator_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    article.refresh_from_db()
    assert article.title != "Defaced"


def test_author_sees_and_moderates_only_their_own_articles_comments(
    author_client, article, django_capture_on_commit_callbacks
):
    own = CommentFactory(article=article, status=Comment.Status.HELD)
    other_article = ArticleFactory()
    foreign = CommentFactory(article=other_article, status=Comment.Status.HELD)

    listed = {c.pk for c in author_client.get(QUEUE).context["cl"].result_list}
    assert listed == {own.pk}
    page = author_client.get(reverse("admin:comments_comment_change", args=[foreign.pk]))
    assert page.status_code == 302  # "doesn't exist", back to the admin index
    response = author_client.post(
        reverse("admin:comments_comment_moderate", args=[foreign.pk]), {"decision": "approve"}
    )
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == Comment.Status.HELD

    with django_capture_on_commit_callbacks(execute=True):
        author_client.post(
            reverse("admin:comments_comment_moderate", args=[own.pk]), {"decision": "approve"}
        )
    own.refresh_from_db()
    assert own.status == Comment.Status.APPROVED
    assert own.events.first().actor_kind == "author"


def test_author_cannot_see_bans_users_or_ban_anyone(author_client, article):
    comment = CommentFactory(article=article, status=Comment.Status.HELD)
    assert author_client.get(reverse("admin:comments_ban_changelist")).status_code == 403
    assert author_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    ban_url = reverse("admin:comments_comment_ban") + f"?ids={comment.pk}"
    assert author_client.get(ban_url).status_code == 403
    assert "ban_commenters" not in author_client.get(QUEUE).content.decode()
    assert not Ban.objects.exists()


@pytest.mark.parametrize(
    "url",
    [QUEUE, reverse("admin:index"), reverse("admin:comments_auditevent_changelist")],
)
def test_anonymous_reader_gets_the_login_page(db, url):
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_signed_in_reader_without_staff_gets_the_login_page(db):
    client = Client()
    client.force_login(UserFactory(username="reader"))
    response = client.get(QUEUE)
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]
