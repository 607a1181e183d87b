"""Fixtures for the moderation desk tests: staff users in the groups the migration creates."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from tests.factories import UserFactory

GENUINE = "I live on one of the east-side streets; we would love more trees here."


def staff_in(group_name: str, username: str):
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def moderator(db):
    return staff_in("Moderators", "moderator")


@pytest.fixture
def moderator_client(moderator):
    client = Client()
    client.force_login(moderator)
    return client


@pytest.fixture
def author_staff(author):
    """The `article` fixture's author, made staff and put in the "Authors" group."""
    author.is_staff = True
    author.save(update_fields=["is_staff"])
    author.groups.add(Group.objects.get(name="Authors"))
    return author


@pytest.fixture
def author_client(author_staff):
    client = Client()
    client.force_login(author_staff)
    return client


@pytest.fixture
def post_comment(django_capture_on_commit_callbacks):
    """POST the article page's form as a reader does (signed timestamp from the page)."""

    def post(client, article, **fields):
        data = {"name": "Ana Ruiz", "email": "ana@example.org", "body": GENUINE}
        data.update(fields)
        page = client.get(article.get_absolute_url())
        data.setdefault("started", page.context["form"].initial["started"])
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(f"/articles/{article.slug}/comments/post/", data)

    return post
