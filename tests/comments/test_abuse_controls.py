"""Abuse controls a stranger runs into: rate limits, bot traps, CSRF."""

import re
import time

import pytest
from django.core import signing
from django.test import Client

from commentapp.comments.forms import TIMESTAMP_SALT
from commentapp.comments.models import Comment

pytestmark = pytest.mark.django_db

# Per-day windows: django-ratelimit counts in fixed windows, and a window boundary falling in
# the middle of a test would reset the counters.
TIGHT = {"comment-post": {"ip": "100/d", "email": "3/d"}}


def _form(n: int, **extra) -> dict:
    return {
        "name": f"Reader {n}",
        "email": f"reader{n}@example.org",
        "body": f"Comment number {n}: the east side needs the new trees most.",
        "started": signing.dumps(time.time() - 60, salt=TIMESTAMP_SALT),
        **extra,
    }


def _post(client, article, data, **meta):
    return client.post(f"/articles/{article.slug}/comments/post/", data, **meta)


def test_one_email_posting_too_often_gets_a_429_page(client, article, settings):
    settings.COMMENTS_RATE_LIMITS = TIGHT
    for n in range(3):
        # A different IP each time: the email alone is what trips the limit.
        response = _post(
            client, article, _form(n, email="Same@Example.org "), REMOTE_ADDR=f"198.51.100.{n}"
        )
        assert response.status_code == 302

    response = _post(
        client, article, _form(9, email="same@example.org"), REMOTE_ADDR="198.51.100.77"
    )

    assert response.status_code == 429
    assert "You are doing that too often" in response.content.decode()
    assert response["Retry-After"]
    assert Comment.objects.count() == 3


def test_one_ip_posting_too_often_gets_a_429_page(client, article, settings):
    settings.COMMENTS_RATE_LIMITS = {"comment-post": {"ip": "3/d", "email": "100/d"}}
    statuses = [_post(client, article, _form(n)).status_code for n in range(4)]
    assert statuses == [302, 302, 302, 429]
    # Another reader elsewhere is not affected.
    assert _post(client, article, _form(5), REMOTE_ADDR="203.0.113.9").status_code == 302


def test_behind_a_proxy_each_reader_is_counted_by_their_own_address(client, article, settings):
    settings.COMMENTS_RATE_LIMITS = {"comment-post": {"ip": "2/d", "email": "100/d"}}
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for n in range(2):
        assert (
            _post(
                client, article, _form(n), HTTP_X_FORWARDED_FOR="203.0.113.1", **proxy
            ).status_code
            == 302
        )
    # A second reader behind the same proxy still posts...
    assert (
        _post(client, article, _form(3), HTTP_X_FORWARDED_FOR="203.0.113.2", **proxy).status_code
        == 302
    )
    # ...and the first cannot dodge the limit by writing their own X-Forwarded-For entry.
    spoofed = _post(client, article, _form(4), HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.1", **proxy)
    assert spoofed.status_code == 429


def test_honeypot_filled_by_a_bot_is_refused(client, article):
    response = _post(client, article, _form(1, website="http://cheap-pills.example"))
    assert response.status_code == 400
    assert "This field must be left empty." in response.content.decode()
    assert not Comment.objects.exists()


def test_honeypot_is_hidden_from_people_and_skipped_by_keyboard(client, article):
    page = client.get(article.get_absolute_url()).content.decode()
    field = re.search(r"<input[^>]*name=\"website\"[^>]*>", page).group(0)
    assert 'tabindex="-1"' in field and 'autocomplete="off"' in field
    assert "hp-field" in page  # the wrapper the stylesheet hides


def test_form_posted_faster_than_a_person_types_is_refused(client, article, settings):
    settings.COMMENTS_MIN_SUBMIT_SECONDS = 3
    page = client.get(article.get_absolute_url())
    data = _form(1, started=page.context["form"]["started"].value())
    response = _post(client, article, data)
    assert response.status_code == 400
    assert "That was quick! Please take a moment and post again." in response.content.decode()
    assert not Comment.objects.exists()


def test_forged_or_expired_timestamp_is_refused(client, article):
    old = signing.TimestampSigner(salt=TIMESTAMP_SALT)
    for started in ["forged", old.sign_object(time.time())[:-3] + "abc"]:
        response = _post(client, article, _form(1, started=started))
        assert response.status_code == 400
        assert "The form expired; please reload the page" in response.content.decode()
    assert not Comment.objects.exists()


def test_double_click_stores_one_comment(client, article):
    data = _form(1)
    first = _post(client, article, data)
    second = _post(client, article, data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Comment.objects.count() == 1


POST_FORM_RE = re.compile(r"<form\b[^>]*method=\"post\"[^>]*>", re.IGNORECASE)


def _post_form_actions(html: str, page_url: str) -> set[str]:
    actions = set()
    for tag in POST_FORM_RE.findall(html):
        action = re.search(r'action="([^"]*)"', tag)
        actions.add(action.group(1) if action and action.group(1) else page_url)
    return actions


def test_every_form_on_the_reader_pages_requires_the_csrf_token(article, admin_user):
    """Crawl the pages a reader and a staff user see, POST each form without its token."""
    from tests.factories import CommentFactory

    CommentFactory(article=article)
    browser = Client(enforce_csrf_checks=True)
    pages = ["/", article.get_absolute_url(), "/accounts/login/", "/admin/login/"]
    actions = set()
    for url in pages:
        actions |= _post_form_actions(browser.get(url).content.decode(), url)
    browser.force_login(admin_user)
    for url in ["/", article.get_absolute_url()]:
        actions |= _post_form_actions(browser.get(url).content.decode(), url)

    assert f"/articles/{article.slug}/comments/post/" in actions
    for action in sorted(actions):
        response = browser.post(action, _form(1, username="x", password="y"))
        assert response.status_code == 403, action
    assert Comment.objects.count() == 1  # only the one set up above


def test_comment_form_with_its_csrf_token_is_accepted(article):
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(article.get_absolute_url())
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    response = _post(browser, article, _form(1, csrfmiddlewaretoken=token))
    assert response.status_code == 302
    assert Comment.objects.count() == 1


def test_reporting_too_often_from_one_address_gets_a_429_page(client, article, settings):
    from tests.factories import CommentFactory

    settings.COMMENTS_RATE_LIMITS = {"comment-report": {"ip": "3/d"}}
    comments = [CommentFactory(article=article) for _ in range(4)]
    statuses = [
        client.post(f"/comments/{c.pk}/report/", {"reason": "spam"}).status_code for c in comments
    ]
    assert statuses == [302, 302, 302, 429]


@pytest.mark.parametrize("group", ["comment-post", "comment-report", "newsletter-signup"])
def test_every_stranger_facing_form_has_a_limit(group):
    from commentapp.comments.ratelimits import rates_for

    assert rates_for(group).get("ip")
