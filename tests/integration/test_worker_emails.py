"""Reply notifications are sent by the real worker, after the reply is approved, never before."""

import pytest

from commentapp.comments.models import Comment
from commentapp.comments.services import comment_create
from tests.factories import ArticleFactory, CommentFactory

from .processes import wait_for

pytestmark = pytest.mark.integration

ARTICLE_BODY = (
    "The council will plant 2,000 street trees next spring, most of them on the east side, "
    "where summer temperatures run three degrees above the city average."
)
REPLY = (
    "Renters can ask as well, I did last year for our block. The council form only needs the "
    "address; they came to check the pavement a month later."
)


def test_the_worker_emails_the_parent_writer_once_the_reply_is_approved(start_worker, tmp_path):
    article = ArticleFactory(body=ARTICLE_BODY)
    parent = CommentFactory(
        article=article,
        name="Tom Reyes",
        email="tom@example.org",
        body="Who decides which streets get the trees first, and can renters ask too?",
        notify_replies=True,
    )
    start_worker(env={"INTEGRATION_EMAIL_DIR": str(tmp_path)})

    reply = comment_create(
        article=article, parent=parent, name="Ines Park", email="ines@example.org", body=REPLY
    )

    def approved():
        reply.refresh_from_db()
        return reply if reply.status != Comment.Status.PENDING else None

    assert wait_for(approved, timeout=30, message="reply not classified").status == "approved"
    files = wait_for(lambda: list(tmp_path.iterdir()), timeout=30, message="no email sent")
    mail = "\n".join(f.read_text() for f in files)
    assert "To: tom@example.org" in mail
    assert "Renters can ask as well" in mail
    assert f"#comment-{reply.pk}" in mail or f"/comments/{reply.pk}/" in mail
    assert "unsubscribe" in mail.lower()
    assert "ines@example.org" not in mail.split("To:")[1].splitlines()[0]  # not to the replier
