"""'Your data': export or erase your comments by an emailed, signed link."""

import json
import re
from datetime import timedelta

import pytest
from django.core import mail

from commentapp.comments.models import AuditEvent, Comment
from tests.factories import CommentFactory, UserFactory

pytestmark = pytest.mark.django_db


def _without_csrf(html: bytes) -> bytes:
    """The page minus its per-response CSRF token (masked differently on every render)."""
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", html)


@pytest.fixture
def ask(client, django_capture_on_commit_callbacks):
    def _ask(email, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/your-data/", {"email": email, **extra})

    return _ask


def _link(message) -> str:
    match = re.search(r"http://[^\s]+/your-data/[^\s]+/", message.body)
    assert match, message.body
    return match.group(0).removeprefix("http://127.0.0.1:8000")


def test_footer_links_to_your_data(client):
    assert b'href="/your-data/"' in client.get("/").content
    assert b"Send me the link" in client.get("/your-data/").content


def test_same_answer_whatever_the_email(ask, article):
    CommentFactory(article=article, email="kit@example.net")
    with_comments = ask("kit@example.net")
    without = ask("nobody@example.net")
    assert with_comments.status_code == without.status_code == 200
    assert _without_csrf(with_comments.content) == _without_csrf(without.content)
    assert [m.to for m in mail.outbox] == [["kit@example.net"]]


def test_export_downloads_every_comment_of_the_address(client, ask, article):
    CommentFactory(article=article, email="Kit@Example.net", body="Mine", user_agent="Firefox")
    CommentFactory(article=article, email="kit@example.net", status=Comment.Status.HELD)
    CommentFactory(article=article, email="other@example.net", body="Not mine")
    ask("kit@example.net")
    manage = client.get(_link(mail.outbox[0]))
    assert manage.status_code == 200
    assert b"Download my comments" in manage.content

    export_url = re.search(rb'href="([^"]+export\.json)"', manage.content).group(1).decode()
    response = client.get(export_url)
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert sorted(c["body"] for c in data["comments"]) == sorted(
        ["Mine", Comment.objects.get(status=Comment.Status.HELD).body]
    )
    assert {c["user_agent"] for c in data["comments"]} >= {"Firefox"}
    assert all(c["email"].lower() == "kit@example.net" for c in data["comments"])


def test_erase_keeps_the_thread_and_forgets_the_person(client, ask, article):
    user = UserFactory(email="kit@example.net")
    mine = CommentFactory(
        article=article,
        email="kit@example.net",
        name="Kit",
        body="My secret opinion",
        ip_address="192.0.2.7",
        user_agent="Firefox",
        notify_replies=True,
    )
    by_account = CommentFactory(article=article, user=user, email="", name="kit")
    reply = CommentFactory(article=article, parent=mine, body="I answer Kit")
    ask("kit@example.net")
    link = _link(mail.outbox[0])
    manage = client.get(link)
    erase_url = re.search(rb'action="([^"]+/erase/)"', manage.content).group(1).decode()

    response = client.post(erase_url)
    assert response.status_code == 200
    assert b"2 comments erased" in response.content
    for comment in (mine, by_account):
        comment.refresh_from_db()
        assert comment.deleted_at is not None
        assert (comment.body, comment.email, comment.user_agent) == ("", "", "")
        assert comment.ip_address is None and comment.user is None
        assert comment.name == "[deleted]" and comment.notify_replies is False
    assert AuditEvent.objects.filter(action="erased on request").count() == 2

    page = client.get(article.get_absolute_url()).content
    assert b"[deleted]" in page and b"I answer Kit" in page
    assert b"My secret opinion" not in page
    reply.refresh_from_db()
    assert reply.body == "I answer Kit"


def test_erase_needs_post_and_a_valid_link(client, ask, article, settings):
    CommentFactory(article=article, email="kit@example.net")
    ask("kit@example.net")
    link = _link(mail.outbox[0])
    assert client.get(link + "erase/").status_code == 405
    assert client.get("/your-data/forged/").status_code == 400
    settings.DATA_REQUEST_MAX_AGE = timedelta(seconds=-1)
    expired = client.post(link + "erase/")
    assert expired.status_code == 400 and b"expired" in expired.content
    assert Comment.objects.get().deleted_at is None


def test_requests_are_rate_limited(ask):
    codes = [ask(f"a{i}@example.net").status_code for i in range(7)]
    assert codes[0] == 200 and codes[-1] == 429


def test_honeypot_and_bad_email(ask, client):
    assert b"Check your inbox" in ask("kit@example.net", website="x").content
    assert client.post("/your-data/", {"email": "nope"}).status_code == 400
