"""What readers, authors and moderators do, in a real browser (Chromium via Playwright)."""

import re
from datetime import timedelta
from importlib import import_module

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article
from commentapp.comments.models import Comment
from tests.factories import ArticleFactory, AuthorProfileFactory, CommentFactory

pytestmark = pytest.mark.django_db(transaction=True)

PROMO = (
    "Best prices on replica watches and cheap pills, visit our shop today for a special "
    "discount code ,1CV4J,76AWWL,4LL18,1"
)


@pytest.fixture
def author():
    profile = AuthorProfileFactory(display_name="Mara Lindqvist", user__username="mara")
    return profile.user


@pytest.fixture
def thread(author):
    """A post-moderated article with a small approved conversation."""
    article = ArticleFactory(authors=[author], title="Counting the value of street trees")
    earlier = timezone.now() - timedelta(hours=2)
    first = CommentFactory(
        article=article,
        name="Priya N",
        body="The shade map is great. Will the east side get the same survey?",
        submitted_at=earlier,
    )
    CommentFactory(
        article=article,
        parent=first,
        name="Tom B",
        body="Seconded: our street lost four trees last year.",
        submitted_at=earlier + timedelta(minutes=5),
    )
    return article


def write_comment(page, body, *, name=None, email=None):
    form = page.locator("#comment-form form")
    if name is not None:
        form.locator("input[name=name]").fill(name)
        form.locator("input[name=email]").fill(email)
    form.locator("textarea[name=body]").fill(body)
    form.get_by_role("button", name="Post comment").click()
    page.wait_for_load_state("domcontentloaded")


def test_reader_posts_and_replies_and_sees_awaiting_moderation(new_page, thread, screenshot):
    Article.objects.filter(pk=thread.pk).update(moderation_mode=Article.ModerationMode.ALL)
    page = new_page()
    page.goto(thread.get_absolute_url())
    assert page.get_by_text("Seconded: our street lost four trees").is_visible()

    write_comment(
        page,
        "Street trees also cut the noise from the ring road, worth counting too.",
        name="Ada Reader",
        email="ada@example.net",
    )
    mine = page.locator("li.comment", has_text="cut the noise from the ring road")
    assert mine.get_by_text("Awaiting moderation").is_visible()

    first = page.locator("li.comment", has_text="The shade map is great").first
    first.get_by_role("link", name=re.compile("^Reply")).first.click()
    assert page.get_by_role("heading", name="Reply to Priya N").is_visible()
    write_comment(
        page,
        "The council said the east side survey starts in spring.",
        name="Ada Reader",
        email="ada@example.net",
    )
    reply = page.locator("ol.replies li.comment", has_text="survey starts in spring")
    assert reply.get_by_text("Awaiting moderation").is_visible()
    screenshot(page, "article-page-reader-held-comments")

    # Held comments are the poster's alone: another reader does not see them.
    other = new_page()
    other.goto(thread.get_absolute_url())
    assert other.get_by_text("cut the noise from the ring road").count() == 0
    assert other.get_by_text("Awaiting moderation").count() == 0


def test_author_signs_in_replies_and_gets_the_author_badge(new_page, thread, author):
    page = new_page()
    page.goto(thread.get_absolute_url())
    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("Username").fill("mara")
    page.get_by_label("Password").fill("secret-pass-123")
    page.get_by_role("button", name=re.compile("Sign in|Log in")).click()
    page.goto(thread.get_absolute_url())
    first = page.locator("li.comment", has_text="The shade map is great").first
    first.get_by_role("link", name=re.compile("^Reply")).first.click()
    write_comment(page, "Yes: the east side survey is funded for next spring.")

    reply = page.locator("article.comment-card", has_text="survey is funded for next spring")
    assert reply.locator(".author-badge").inner_text() == "Author"
    assert reply.locator(".comment-name").inner_text() == "Mara Lindqvist"
    # Every reader sees the badge, not only the author.
    stranger = new_page()
    stranger.goto(thread.get_absolute_url())
    assert (
        stranger.locator("li.comment", has_text="funded for next spring")
        .locator(".author-badge")
        .is_visible()
    )


def moderators_group() -> Group:
    """The group as migration 0003 defines it (a transactional test's flush removed its rows)."""
    migration = import_module("commentapp.comments.migrations.0003_moderation_groups")
    codenames = [c for names in migration.GROUP_PERMISSIONS["Moderators"].values() for c in names]
    group, _ = Group.objects.get_or_create(name="Moderators")
    group.permissions.set(
        Permission.objects.filter(content_type__app_label="comments", codename__in=codenames)
    )
    return group


def test_moderator_approves_in_the_admin_and_the_comment_appears(new_page, thread, screenshot):
    held = CommentFactory(
        article=thread,
        name="Lee Q",
        body="Could the plan include fruit trees in the school streets?",
        status=Comment.Status.HELD,
        spam_score=0.61,
    )
    reader = new_page()
    reader.goto(thread.get_absolute_url())
    assert reader.get_by_text("fruit trees in the school streets").count() == 0  # cached now

    # A moderator as the site sets one up: staff, not superuser, in the Moderators group.
    moderator = get_user_model().objects.create_user(
        "chief", "chief@example.com", "secret-pass-123", is_staff=True
    )
    moderator.groups.add(moderators_group())
    desk = new_page(width=1400)
    desk.goto("/admin/login/")
    desk.get_by_label("Username").fill("chief")
    desk.get_by_label("Password").fill("secret-pass-123")
    desk.get_by_role("button", name="Log in").click()
    desk.goto("/admin/comments/comment/?status__exact=held")
    row = desk.locator("#result_list tbody tr", has_text="fruit trees")
    assert row.count() == 1
    screenshot(desk, "moderation-queue")
    row.locator("input.action-select").check()
    desk.locator("select[name=action]").select_option(label="Approve selected comments")
    desk.get_by_role("button", name=re.compile("^(Run|Go)$")).click()
    expect(desk.locator(".messagelist .success")).to_contain_text("1 comment")

    held.refresh_from_db()
    assert held.status == Comment.Status.APPROVED
    reader.reload()
    assert reader.get_by_text("fruit trees in the school streets").is_visible()
    screenshot(reader, "article-page")


def test_the_garbled_promo_never_appears_to_readers(new_page, thread):
    spammer = new_page()
    spammer.goto(thread.get_absolute_url())
    write_comment(spammer, PROMO, name="Deals Bot", email="deals@example.biz")
    posted = Comment.objects.get(body=PROMO)
    assert posted.status != Comment.Status.APPROVED

    reader = new_page()
    reader.goto(thread.get_absolute_url())
    assert "1CV4J" not in reader.content()
    assert reader.get_by_text("replica watches").count() == 0
