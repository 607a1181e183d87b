"""Identity: the Author badge comes from the signed-in account only; sign-in is throttled."""

import re
import time

import pytest
from django.core import signing

from commentapp.comments.forms import TIMESTAMP_SALT
from commentapp.comments.models import Comment

pytestmark = pytest.mark.django_db

# Headers an upstream proxy or SSO gateway might use to assert who the user is. The site
# trusts none of them: identity is Django's session, nothing else.
IDENTITY_HEADERS = {
    "HTTP_X_FORWARDED_USER": "mara",
    "HTTP_REMOTE_USER": "mara",
    "REMOTE_USER": "mara",
    "HTTP_X_REMOTE_USER": "mara",
    "HTTP_X_AUTH_USER": "mara",
    "HTTP_X_USER": "mara",
    "HTTP_X_FORWARDED_EMAIL": "mara@example.com",
    "HTTP_X_AUTHOR": "true",
    "HTTP_AUTHORIZATION": "Basic bWFyYTpzZWNyZXQtcGFzcy0xMjM=",  # mara:secret-pass-123
}


def _form(**fields) -> dict:
    return {
        "name": "Jo Bloggs",
        "email": "jo@example.org",
        "body": "As the writer of this piece I can confirm the figures are right.",
        "started": signing.dumps(time.time() - 60, salt=TIMESTAMP_SALT),
        **fields,
    }


def _badges(client, article) -> int:
    page = client.get(article.get_absolute_url()).content.decode()
    return len(re.findall(r">\s*Author\s*<", page))


@pytest.mark.parametrize("header", sorted(IDENTITY_HEADERS))
def test_no_header_gives_the_author_badge(client, article, author, header):
    response = client.post(
        f"/articles/{article.slug}/comments/post/",
        _form(email=author.email, **{"is_author_reply": "1", "user": str(author.pk)}),
        **{header: IDENTITY_HEADERS[header]},
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.user is None
    assert comment.is_author_reply is False


@pytest.mark.parametrize(
    "name", ["Mara Lindqvist", "mara lindqvist", "  MARA   LINDQVIST ", "mara", "MARA"]
)
def test_anonymous_reader_cannot_post_under_an_authors_name(client, article, name):
    response = client.post(f"/articles/{article.slug}/comments/post/", _form(name=name))
    assert response.status_code == 400
    assert "That name belongs to an author of this article" in response.content.decode()
    assert not Comment.objects.exists()


def test_api_gives_no_badge_for_a_name_email_or_header(client, article, author):
    response = client.post(
        f"/api/articles/{article.slug}/comments/",
        {
            "name": "Reader Who Agrees",
            "email": author.email,
            "body": "Signed: the author. (Not really.)",
            "parent": None,
            "is_author_reply": True,
            "user": author.pk,
        },
        content_type="application/json",
        **IDENTITY_HEADERS,
    )
    assert response.status_code in {201, 400, 429}, response.content
    assert not Comment.objects.filter(is_author_reply=True).exists()
    assert not Comment.objects.filter(user=author).exists()


def _login(client, url, username, password):
    return client.post(url, {"username": username, "password": password})


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user(
        "editor", "editor@example.com", "right-pass-123", is_staff=True
    )


@pytest.mark.parametrize("url", ["/admin/login/", "/accounts/login/"])
def test_repeated_failed_sign_ins_lock_the_account_from_that_address(client, settings, staff, url):
    settings.COMMENTS_RATE_LIMITS = {"admin-login": {"ip": "100/d", "username": "3/d"}}
    for _ in range(3):
        assert _login(client, url, "editor", "wrong").status_code == 200  # form error

    locked = _login(client, url, "editor", "right-pass-123")  # even the right password

    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # The same person elsewhere, and other accounts from here, are not locked out.
    assert _login(client, url, "other", "wrong").status_code == 200
    elsewhere = client.post(
        url, {"username": "editor", "password": "right-pass-123"}, REMOTE_ADDR="203.0.113.50"
    )
    assert elsewhere.status_code == 302


def test_successful_sign_ins_are_not_counted(client, settings, staff):
    settings.COMMENTS_RATE_LIMITS = {"admin-login": {"ip": "100/d", "username": "2/d"}}
    for _ in range(4):
        assert _login(client, "/admin/login/", "editor", "right-pass-123").status_code == 302
        client.logout()


def test_one_address_trying_many_accounts_is_throttled(client, settings, django_user_model):
    settings.COMMENTS_RATE_LIMITS = {"admin-login": {"ip": "4/d", "username": "100/d"}}
    statuses = [_login(client, "/admin/login/", f"user{n}", "guess").status_code for n in range(6)]
    assert statuses == [200, 200, 200, 200, 429, 429]
