"""Schemathesis against the API's own OpenAPI schema (/api/schema/): no input gets a 5xx.

Runs in-process on the Django WSGI application. Half the generated cases are pointed at a real
article (with a visible comment, a held one and one on another article to reply to) so that the
posting path is exercised past the 404; the other half keep schemathesis' own slugs and ids.
"""

import zlib

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck
from hypothesis import settings as hsettings
from schemathesis.checks import not_a_server_error

from commentapp.comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory

schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())

MAX_EXAMPLES = 60


@pytest.fixture
def real_targets(db, settings):
    settings.RATELIMIT_ENABLE = False  # hundreds of posts from one in-process client
    article = ArticleFactory(slug="trees")
    visible = CommentFactory(article=article)
    CommentFactory(article=article, status=Comment.Status.HELD)
    CommentFactory(article=ArticleFactory(slug="other"))
    return {"slug": article.slug, "pk": visible.pk}


@pytest.mark.django_db
@schema.parametrize()
@hsettings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_api_never_answers_with_a_server_error(case, real_targets):
    params = case.path_parameters or {}
    if params and zlib.crc32(repr(case.body).encode()) % 2 == 0:
        for name, value in real_targets.items():
            if name in params:
                params[name] = value
    case.call_and_validate(checks=[not_a_server_error])
