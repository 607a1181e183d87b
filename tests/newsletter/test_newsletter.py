"""Newsletter sign-up, double opt-in, unsubscribe and sending an article, as people see it."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from commentapp.newsletter.models import Mailing, Subscriber
from commentapp.newsletter.services import MailingRefused, mailing_create
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def _without_csrf(html: bytes) -> bytes:
    """The page minus its per-response CSRF token (masked differently on every render)."""
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", html)


NEUTRAL = b"Check your inbox"


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run


def _link(message, kind) -> str:
    match = re.search(rf"http://[^\s]+/newsletter/{kind}/[^\s]+/", message.body)
    assert match, message.body
    return match.group(0).removeprefix("http://127.0.0.1:8000")


def _subscribe(client, run_on_commit, email="reader@example.org", **extra):
    data = {"newsletter-email": email, **{f"newsletter-{k}": v for k, v in extra.items()}}
    return run_on_commit(client.post, "/newsletter/", data)


def test_footer_box_is_on_every_page(client, article):
    for url in ("/", article.get_absolute_url()):
        page = client.get(url)
        assert b"Get our articles delivered to your inbox" in page.content
        assert b'action="/newsletter/"' in page.content


def test_double_opt_in(client, run_on_commit):
    response = _subscribe(client, run_on_commit, email="Reader@Example.org")
    assert response.status_code == 200 and NEUTRAL in response.content
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "reader@example.org" and subscriber.confirmed_at is None

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["reader@example.org"]
    assert "List-Unsubscribe" in message.extra_headers
    confirm = _link(message, "confirm")

    page = client.get(confirm)  # a mail scanner following the link confirms nothing
    assert b"Confirm my subscription" in page.content
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None

    done = client.post(confirm)
    assert b"You are subscribed" in done.content
    subscriber.refresh_from_db()
    assert subscriber.is_receiving


def test_answer_does_not_reveal_who_is_subscribed(client, run_on_commit):
    Subscriber.objects.create(email="known@example.org", confirmed_at=timezone.now())
    known = _subscribe(client, run_on_commit, email="known@example.org")
    unknown = _subscribe(client, run_on_commit, email="new@example.org")
    assert known.status_code == unknown.status_code == 200
    assert _without_csrf(known.content) == _without_csrf(unknown.content)
    assert [m.to for m in mail.outbox] == [["new@example.org"]]


def test_honeypot_gets_the_same_answer_and_nothing_happens(client, run_on_commit):
    response = _subscribe(client, run_on_commit, website="http://spam.example")
    assert NEUTRAL in response.content
    assert Subscriber.objects.count() == 0 and mail.outbox == []


def test_invalid_email_is_a_form_error(client):
    response = client.post("/newsletter/", {"newsletter-email": "not an email"})
    assert response.status_code == 400
    assert b"Enter a valid email address" in response.content
    assert b'value="not an email"' in response.content  # kept for correcting


def test_expired_or_forged_confirmation_link(client, run_on_commit, settings):
    _subscribe(client, run_on_commit)
    confirm = _link(mail.outbox[0], "confirm")
    settings.NEWSLETTER_CONFIRM_MAX_AGE = timedelta(seconds=-1)
    response = client.post(confirm)
    assert response.status_code == 400 and b"expired" in response.content
    assert client.get("/newsletter/confirm/forged-token/").status_code == 400
    assert not Subscriber.objects.get().is_receiving


def test_signups_are_rate_limited(client, run_on_commit):
    statuses = [
        _subscribe(client, run_on_commit, email=f"r{i}@example.org").status_code for i in range(8)
    ]
    assert statuses[0] == 200
    assert statuses[-1] == 429
    page = _subscribe(client, run_on_commit, email="late@example.org")
    assert b"Too many sign-up attempts" in page.content


def test_same_address_is_rate_limited_across_ips(client, run_on_commit):
    codes = [
        run_on_commit(
            client.post,
            "/newsletter/",
            {"newsletter-email": "x@example.org"},
            REMOTE_ADDR=f"10.0.0.{i}",
        ).status_code
        for i in range(5)
    ]
    assert codes[:3] == [200, 200, 200] and codes[-1] == 429


def _confirmed(n):
    now = timezone.now()
    return Subscriber.objects.bulk_create(
        Subscriber(email=f"s{i}@example.org", confirmed_at=now) for i in range(n)
    )


def test_article_goes_to_confirmed_subscribers_in_batches_once(run_on_commit, settings):
    settings.NEWSLETTER_BATCH_SIZE = 100
    _confirmed(230)
    Subscriber.objects.create(email="pending@example.org")
    Subscriber.objects.create(
        email="gone@example.org", confirmed_at=timezone.now(), unsubscribed_at=timezone.now()
    )
    article = ArticleFactory(title="Street trees: the plan")

    mailing = run_on_commit(mailing_create, article=article)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert len(recipients) == 230 == len(set(recipients))
    assert "pending@example.org" not in recipients and "gone@example.org" not in recipients
    assert mail.outbox[0].subject == "Street trees: the plan"
    assert "/newsletter/unsubscribe/" in mail.outbox[0].body
    mailing.refresh_from_db()
    assert mailing.sent_count == 230 and mailing.finished_at is not None

    with pytest.raises(MailingRefused):
        run_on_commit(mailing_create, article=article)
    assert len(mail.outbox) == 230


def test_unpublished_article_is_not_sent(run_on_commit):
    future = ArticleFactory(published_at=timezone.now() + timedelta(days=1))
    with pytest.raises(MailingRefused):
        mailing_create(article=future)
    assert Mailing.objects.count() == 0


def test_unsubscribe_link_in_the_newsletter(client, run_on_commit):
    _confirmed(1)
    run_on_commit(mailing_create, article=ArticleFactory())
    link = _link(mail.outbox[0], "unsubscribe")
    assert b"Yes, unsubscribe me" in client.get(link).content
    assert Subscriber.objects.get().is_receiving
    one_click = client.post(link, {"List-Unsubscribe": "One-Click"})
    assert one_click.status_code == 200
    assert not Subscriber.objects.get().is_receiving


def test_admin_action_sends_once(admin_client, run_on_commit):
    _confirmed(2)
    article = ArticleFactory()
    data = {"action": "send_to_subscribers", "_selected_action": [article.pk]}
    run_on_commit(admin_client.post, "/admin/articles/article/", data)
    run_on_commit(admin_client.post, "/admin/articles/article/", data)
    assert len(mail.outbox) == 2
    page = admin_client.get("/admin/articles/article/")
    assert page.status_code == 200
