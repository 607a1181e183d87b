"""The API reads JSON bodies only: a cross-site HTML form cannot post comments through it."""

from urllib.parse import urlencode

import pytest

from commentapp.comments.models import Comment

pytestmark = pytest.mark.django_db

FIELDS = {"name": "Ana Ruiz", "email": "ana@example.org", "body": "Street trees matter."}


@pytest.mark.parametrize("encode", ["form", "multipart"])
def test_form_encoded_post_is_refused_with_415(client, article, encode):
    url = f"/api/articles/{article.slug}/comments/"
    if encode == "form":
        response = client.post(
            url, urlencode(FIELDS), content_type="application/x-www-form-urlencoded"
        )
    else:
        response = client.post(url, FIELDS)  # the test client's default: multipart
    assert response.status_code == 415
    assert "Unsupported media type" in response.json()["detail"]
    assert not Comment.objects.exists()


def test_schema_still_describes_the_json_request_body(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    text = schema.content.decode()
    assert "article_comments_create" in text
    assert "requestBody" in text and "application/json" in text
    assert "application/x-www-form-urlencoded" not in text
    assert "multipart/form-data" not in text
