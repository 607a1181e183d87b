"""The moderation services on their own: decisions, bans, the alert digest."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from commentapp.comments.models import AuditEvent, Ban, Comment, Report
from commentapp.comments.selectors.bans import ban_find_active
from commentapp.comments.services import bans, moderation
from commentapp.comments.services.alerts import moderator_digest_send
from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db
S = Comment.Status


def test_a_stranger_cannot_moderate(article):
    comment = CommentFactory(article=article, status=S.HELD)
    with pytest.raises(PermissionDenied):
        moderation.comment_approve(comment=comment, actor=UserFactory(username="nobody"))
    with pytest.raises(PermissionDenied):
        moderation.comment_approve(comment=comment, actor=None)
    comment.refresh_from_db()
    assert comment.status == S.HELD and not AuditEvent.objects.exists()


def test_a_decision_resolves_open_reports(moderator, article):
    comment = CommentFactory(article=article, status=S.HELD, report_count=3)
    for n in range(3):
        Report.objects.create(comment=comment, reporter_key=f"session:{n}", reason="abuse")
    moderation.comment_approve(comment=comment, actor=moderator)
    comment.refresh_from_db()
    assert comment.report_count == 0
    assert not Report.objects.filter(resolved_at=None).exists()


def test_ban_values_are_normalized_and_validated(moderator):
    ban, _ = bans.ban_create(kind="email", value=" Troll@Example.ORG ", actor=moderator)
    assert ban.value == "troll@example.org" and ban.created_by == moderator
    assert ban_find_active(email="TROLL@example.org") == ban
    for kind, value in [("email", "nope"), ("ip", "300.1.1.1"), ("user", "999999")]:
        with pytest.raises(ValidationError):
            bans.ban_create(kind=kind, value=value, actor=moderator)


def test_expired_ban_no_longer_refuses(moderator):
    bans.ban_create(
        kind="ip",
        value="192.0.2.9",
        actor=moderator,
        expires_at=timezone.now() - timedelta(minutes=1),
    )
    assert ban_find_active(ip_address="192.0.2.9") is None


def test_account_ban_removes_that_accounts_comments_only(moderator, article):
    troll = UserFactory(username="troll")
    theirs = CommentFactory(article=article, user=troll)
    other = CommentFactory(article=article)
    _, removed = bans.ban_create(
        kind="user", value=str(troll.pk), actor=moderator, remove_earlier_comments=True
    )
    theirs.refresh_from_db()
    other.refresh_from_db()
    assert removed == 1 and theirs.status == S.REMOVED and other.status == S.APPROVED


def test_lifting_a_ban_is_audited(moderator):
    ban, _ = bans.ban_create(kind="email", value="a@example.org", actor=moderator, reason="x")
    bans.ban_lift(ban=ban, actor=moderator)
    assert not Ban.objects.exists()
    assert list(AuditEvent.objects.values_list("action", flat=True)) == ["ban lifted", "banned"]


@pytest.fixture
def moderators(db):
    group = Group.objects.get(name="Moderators")
    users = [
        UserFactory(username=f"mod{n}", email=f"mod{n}@example.com", is_staff=True)
        for n in range(2)
    ]
    for user in users:
        user.groups.add(group)
    UserFactory(username="boss", is_staff=True, is_superuser=True)  # not a moderator: no mail
    return users


def test_a_spam_wave_is_one_digest_and_nothing_is_mailed_twice(moderators):
    article = ArticleFactory(title="Street trees")
    wave = CommentFactory.create_batch(120, article=article, status=S.HELD, name="Bot")
    CommentFactory(article=article, status=S.APPROVED, name="Fine reader")

    digest = moderator_digest_send()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.bcc) == ["mod0@example.com", "mod1@example.com"]
    assert "120 comments are waiting" in message.subject
    assert "/admin/comments/comment/?queue=held" in message.body
    assert f"/admin/comments/comment/{wave[0].pk}/change/" in message.body
    assert "and 70 more" in message.body and "Fine reader" not in message.body
    assert digest.comments.count() == 120

    assert moderator_digest_send() is None  # nothing new: no mail
    assert len(mail.outbox) == 1

    late = CommentFactory(article=article, status=S.HELD, name="Late Bot")
    moderator_digest_send()
    assert len(mail.outbox) == 2
    assert "1 comment is waiting" in mail.outbox[1].subject
    assert f"/comments/comment/{late.pk}/change/" in mail.outbox[1].body
    assert f"/comments/comment/{wave[0].pk}/change/" not in mail.outbox[1].body


def test_digest_task_sends_through_celery(moderators):
    from commentapp.comments.tasks import send_moderator_digest_task

    CommentFactory.create_batch(3, status=S.HELD)
    assert send_moderator_digest_task.apply().get() == 3
    assert len(mail.outbox) == 1


def test_no_digest_without_moderators(db):
    CommentFactory(status=S.HELD)
    assert moderator_digest_send() is None
    assert mail.outbox == []
