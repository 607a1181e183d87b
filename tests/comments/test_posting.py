"""Posting comments and replies from the article page, as readers and authors do."""

import pytest

from articles.models import Article
from commentapp.comments.models import Comment
from tests.comments.conftest import GENUINE
from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db


def held_article(author) -> Article:
    return ArticleFactory(authors=[author], moderation_mode=Article.ModerationMode.ALL)


def test_anonymous_comment_is_saved_and_poster_is_sent_to_it(client, article, post_comment):
    response = post_comment(client, article)
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    assert comment.name == "Ana Ruiz" and comment.email == "ana@example.org"
    assert comment.body_html == f"<p>{GENUINE}</p>"
    assert comment.user is None and not comment.is_author_reply


def test_held_comment_shows_awaiting_moderation_to_its_poster_only(client, author, post_comment):
    article = held_article(author)
    post_comment(client, article)
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.HELD
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'id="comment-{comment.pk}"' in page and "Awaiting moderation" in page
    from django.test import Client

    stranger = Client().get(article.get_absolute_url()).content.decode()
    assert f'id="comment-{comment.pk}"' not in stranger
    assert "ana@example.org" not in page  # the email is never shown


def test_reply_is_nested_under_its_parent(client, article, post_comment):
    parent = CommentFactory(article=article)
    post_comment(
        client, article, parent=parent.pk, body="Thanks, that answers my question about drains."
    )
    reply = Comment.objects.exclude(pk=parent.pk).get()
    assert reply.parent == parent and reply.depth == 1 and reply.root == parent


def test_reply_link_prefills_the_form(client, article):
    parent = CommentFactory(article=article, name="Tom Becker")
    page = client.get(f"{article.get_absolute_url()}?reply_to={parent.pk}").content.decode()
    assert "Reply to Tom Becker" in page
    assert f'name="parent" value="{parent.pk}"' in page


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"body": ""}, "This field is required."),
        ({"body": "x" * 5001}, "at most 5000 characters"),
        ({"name": ""}, "This field is required."),
        ({"name": "n" * 81}, "at most 80 characters"),
        ({"email": "not-an-email"}, "Enter a valid email address."),
        ({"body": "bad\x00byte"}, "Null characters are not allowed."),
        ({"body": "bell\x07"}, "Remove the control characters"),
        ({"parent": "abc"}, "Enter a whole number."),
        ({"website": "http://spam.example"}, "must be left empty"),
        ({"started": "forged"}, "The form expired"),
    ],
)
def test_bad_input_gets_a_form_error_and_nothing_is_stored(
    client, article, fields, message, post_comment
):
    response = post_comment(client, article, **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Comment.objects.count() == 0


def test_reply_to_a_comment_on_another_article_is_refused(client, article, author, post_comment):
    elsewhere = CommentFactory(article=ArticleFactory(authors=[author]))
    response = post_comment(client, article, parent=elsewhere.pk)
    assert response.status_code == 400
    assert "only reply to a comment on this article" in response.content.decode()


def test_reply_to_a_hidden_comment_is_refused(client, article, post_comment):
    held = CommentFactory(article=article, status=Comment.Status.HELD)
    response = post_comment(client, article, parent=held.pk)
    assert response.status_code == 400
    assert "no longer available" in response.content.decode()


def test_reply_below_the_deepest_level_is_refused(client, article, post_comment):
    parent = None
    for _ in range(4):
        parent = CommentFactory(article=article, parent=parent)
    assert parent.depth == 3
    response = post_comment(client, article, parent=parent.pk)
    assert response.status_code == 400
    assert "nested as deep as it goes" in response.content.decode()


def test_closed_article_refuses_posts(client, article, post_comment):
    article.comments_open = False
    article.save()
    response = post_comment(client, article)
    assert response.status_code == 400
    assert "Comments are closed" in response.content.decode()
    assert Comment.objects.count() == 0


def test_unknown_article_is_404(client, db):
    assert client.post("/articles/nope/comments/post/", {"body": "hi"}).status_code == 404


def test_get_on_the_post_url_is_405(client, article):
    assert client.get(f"/articles/{article.slug}/comments/post/").status_code == 405


def test_double_click_stores_one_comment(client, article, post_comment):
    first = post_comment(client, article)
    second = post_comment(client, article)
    assert Comment.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_signed_in_reader_posts_under_their_account(client, article, post_comment):
    reader = UserFactory(username="sam", email="sam@example.net", first_name="Sam", last_name="K")
    client.force_login(reader)
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'name="email"' not in page  # no name/email fields for a signed-in user
    post_comment(client, article, name="Someone Else", email="other@example.com")
    comment = Comment.objects.get()
    assert (comment.user, comment.name, comment.email) == (reader, "Sam K", "sam@example.net")
    assert not comment.is_author_reply


# --- The Author badge comes only from identity ------------------------------------------------


def test_signed_in_author_reply_gets_the_badge(client, article, author, post_comment):
    parent = CommentFactory(article=article)
    client.force_login(author)
    post_comment(client, article, parent=parent.pk, body="Good question; I asked the department.")
    reply = Comment.objects.get(user=author)
    assert reply.is_author_reply and reply.status == Comment.Status.APPROVED
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'id="comment-{reply.pk}" class="comment depth-1 comment-author"' in page
    assert ">Author</span>" in page


def test_reader_typing_the_authors_name_is_refused(client, article, author, post_comment):
    response = post_comment(client, article, name="Mara Lindqvist", email=author.email)
    assert response.status_code == 400
    assert "That name belongs to an author of this article" in response.content.decode()
    response = post_comment(client, article, name="  mara  ", email=author.email)
    assert response.status_code == 400
    assert Comment.objects.count() == 0


@pytest.mark.parametrize(
    "name",
    [
        "Mar\u0430 Lindqvist",  # Cyrillic a
        "MARA LINDQVIST",
        "\u041c\u0410R\u0410 LINDQVIST",  # Cyrillic capital M and A
        "\uff2d\uff41\uff52\uff41 Lindqvist",  # fullwidth letters
        "Mara Lindqv\u0456st",  # Cyrillic i
        "\u039cara Lindqvist",  # Greek capital Mu
    ],
)
def test_reader_spelling_the_authors_name_with_look_alikes_is_refused(
    client, article, name, post_comment
):
    response = post_comment(client, article, name=name)
    assert response.status_code == 400
    assert "That name belongs to an author of this article" in response.content.decode()
    assert Comment.objects.count() == 0


@pytest.mark.parametrize("name", ["Mara\u200b Lindqvist", "Ana\u200d Ruiz", "\u202eAna Ruiz"])
def test_name_with_invisible_characters_is_refused(client, article, name, post_comment):
    response = post_comment(client, article, name=name)
    assert response.status_code == 400
    assert "Remove the invisible characters" in response.content.decode()
    assert Comment.objects.count() == 0


def test_names_in_other_scripts_are_welcome(client, article, post_comment):
    post_comment(client, article, name="\u041c\u0430\u0440\u0438\u044f")  # a Cyrillic name
    assert Comment.objects.get().name == "\u041c\u0430\u0440\u0438\u044f"


def test_reader_using_the_authors_email_gets_no_badge(client, article, author, post_comment):
    post_comment(client, article, name="Not The Author", email=author.email)
    comment = Comment.objects.get()
    assert comment.user is None and not comment.is_author_reply
    assert ">Author</span>" not in client.get(article.get_absolute_url()).content.decode()


def test_author_of_another_article_gets_no_badge_here(client, article, post_comment):
    other_author = UserFactory(username="other-writer")
    ArticleFactory(authors=[other_author])
    client.force_login(other_author)
    post_comment(client, article)
    assert not Comment.objects.get().is_author_reply


def test_badge_shown_only_for_the_flag_not_the_name(client, article):
    CommentFactory(article=article, name="Mara Lindqvist", is_author_reply=False)
    page = client.get(article.get_absolute_url()).content.decode()
    assert ">Author</span>" not in page
