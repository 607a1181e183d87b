"""factory_boy factories for the models the tests build."""

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from articles.models import Article, AuthorProfile, Footnote
from commentapp.comments.models import Comment
from commentapp.comments.sanitizer import sanitize_comment


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password("secret-pass-123")


class AuthorProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuthorProfile

    user = factory.SubFactory(UserFactory)
    display_name = factory.Sequence(lambda n: f"Author Number{n}")
    bio = "Writes about cities."


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True  # adding authors (M2M) needs no second save

    slug = factory.Sequence(lambda n: f"article-{n}")
    title = factory.Sequence(lambda n: f"Article {n} about street trees")
    body = (
        "Street trees cool the city and catch the rain.[1]\n\n"
        "The council will publish the plan next year.[2]"
    )
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if not create:
            return
        for user in extracted if extracted is not None else [AuthorProfileFactory().user]:
            self.authors.add(user)


class FootnoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Footnote

    article = factory.SubFactory(ArticleFactory)
    marker = factory.Sequence(lambda n: str(n + 1))
    text = "A source."


class CommentFactory(factory.django.DjangoModelFactory):
    """A comment stored directly (bypassing the services): for setting up a thread."""

    class Meta:
        model = Comment

    article = factory.SubFactory(ArticleFactory)
    name = factory.Sequence(lambda n: f"Reader {n}")
    email = factory.LazyAttribute(lambda c: f"{c.name.lower().replace(' ', '.')}@example.net")
    body = "I think the plan is sensible but the east side needs more trees."
    body_html = factory.LazyAttribute(lambda c: sanitize_comment(c.body))
    status = Comment.Status.APPROVED
    submitted_at = factory.LazyFunction(timezone.now)
    parent = None
    depth = factory.LazyAttribute(lambda c: c.parent.depth + 1 if c.parent else 0)
    root = factory.LazyAttribute(lambda c: (c.parent.root or c.parent) if c.parent else None)
