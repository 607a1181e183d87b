"""`manage.py import_thread FILE.json`: the contract other tools rely on (DESIGN.md)."""

import json

import pytest
from django.core.management import CommandError, call_command

from commentapp.comments.models import Comment

pytestmark = pytest.mark.django_db

PROMO = (
    "Are you tired of low energy and slow weight loss? Our doctor-formulated keto capsules melt "
    "fat while you sleep. Order today and get 70% OFF plus free shipping on every bottle "
    ",1CV4J,76AWWL,4LL18,1"
)


def document(comments, **article):
    base = {
        "slug": "street-trees",
        "title": "Counting the value of street trees",
        "body": "The parks department priced what street trees return.[1]",
        "footnotes": [{"marker": "1", "text": "Annual street-tree report."}],
        "author": {
            "username": "mara",
            "name": "Mara Lindqvist",
            "email": "mara@example.com",
            "bio": "Covers local government.",
        },
    }
    base.update(article)
    return {"article": base, "comments": comments}


def run_import(tmp_path, doc, capsys):
    path = tmp_path / "thread.json"
    path.write_text(json.dumps(doc))
    call_command("import_thread", str(path))
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


THREAD = [
    {
        "key": "a",
        "parent": None,
        "name": "Tom",
        "email": "tom@example.net",
        "status": "approved",
        "body": "The drains at my corner overflow every storm.",
        "submitted_at": "2025-01-01T10:00:00Z",
    },
    {
        "key": "b",
        "parent": "a",
        "name": "Mara Lindqvist",
        "email": "mara@example.com",
        "by_author": True,
        "body": "The report controls for drain age.",
        "status": "approved",
    },
    {
        "key": "c",
        "parent": "a",
        "name": "Sam",
        "email": "sam@example.net",
        "user": "samk",
        "body": "Same on our street.",
        "status": "approved",
    },
]


def test_prints_one_line_per_comment_then_the_article_url(tmp_path, capsys):
    lines = run_import(tmp_path, document(THREAD), capsys)
    assert [line.get("key") for line in lines[:-1]] == ["a", "b", "c"]
    for line in lines[:-1]:
        assert set(line) == {"key", "id", "status", "author_reply", "spam_score", "reasons"}
    assert lines[-1] == {"article_url": "http://127.0.0.1:8000/articles/street-trees/"}
    assert [line["author_reply"] for line in lines[:-1]] == [False, True, False]
    reply = Comment.objects.get(pk=lines[1]["id"])
    assert reply.parent_id == lines[0]["id"] and reply.user.username == "mara"
    assert Comment.objects.get(pk=lines[2]["id"]).user.username == "samk"
    first = Comment.objects.get(pk=lines[0]["id"])
    assert first.submitted_at.isoformat() == "2025-01-01T10:00:00+00:00"


def test_importing_twice_updates_and_never_duplicates(tmp_path, capsys):
    first = run_import(tmp_path, document(THREAD), capsys)
    changed = [dict(THREAD[0], body="Edited: the drains overflow every storm."), *THREAD[1:]]
    second = run_import(tmp_path, document(changed, title="New title"), capsys)
    assert [line["id"] for line in first[:-1]] == [line["id"] for line in second[:-1]]
    assert Comment.objects.count() == 3
    assert Comment.objects.get(pk=first[0]["id"]).body.startswith("Edited:")


def test_a_reader_claiming_the_authors_name_gets_no_badge_and_an_error_line(tmp_path, capsys):
    comments = [
        {
            "key": "fake",
            "parent": None,
            "name": "Mara Lindqvist",
            "email": "mara@example.com",
            "body": "As the author I approve this message.",
            "status": "approved",
        },
        {
            "key": "ok",
            "parent": None,
            "name": "Ana",
            "email": "ana@example.org",
            "body": "Thanks for the piece.",
            "status": "approved",
        },
    ]
    lines = run_import(tmp_path, document(comments), capsys)
    assert lines[0]["key"] == "fake" and "belongs to an author" in lines[0]["error"]
    assert lines[1]["status"] == "approved" and lines[1]["author_reply"] is False
    assert Comment.objects.count() == 1  # the import went on with the next comment


def test_status_skips_the_filter_but_never_the_sanitizer(tmp_path, capsys):
    comments = [
        {
            "key": "x",
            "parent": None,
            "name": "Eve",
            "email": "eve@example.net",
            "body": "<script>alert(1)</script>Nice <b>piece</b>",
            "status": "approved",
        },
    ]
    line = run_import(tmp_path, document(comments), capsys)[0]
    assert line["status"] == "approved" and line["spam_score"] is None
    assert "<script" not in Comment.objects.get().body_html


def test_without_status_the_spam_check_runs_in_process(tmp_path, capsys):
    comments = [
        {
            "key": "ok",
            "parent": None,
            "name": "Ana",
            "email": "ana@example.org",
            "body": "The stormwater section was the most useful part for me, thanks.",
        },
        {
            "key": "promo",
            "parent": None,
            "name": "Deals",
            "email": "deals@example.biz",
            "body": PROMO,
        },
    ]
    ok, promo = run_import(tmp_path, document(comments), capsys)[:2]
    assert ok["status"] == "approved" and ok["spam_score"] is not None
    assert promo["status"] == "spam"
    assert any("garbled" in reason.lower() for reason in promo["reasons"])


@pytest.mark.parametrize(
    ("comment", "message"),
    [
        (
            {"key": "p", "parent": "missing", "name": "A", "email": "a@example.org", "body": "hi"},
            "Unknown parent key",
        ),
        (
            {
                "key": "s",
                "parent": None,
                "name": "A",
                "email": "a@example.org",
                "body": "hi",
                "status": "bogus",
            },
            "Unknown status",
        ),
        (
            {
                "key": "t",
                "parent": None,
                "name": "A",
                "email": "a@example.org",
                "body": "hi",
                "submitted_at": "yesterday",
            },
            "Not an ISO 8601 time",
        ),
        ({"key": "e", "parent": None, "name": "A", "email": "nope", "body": "hi"}, "valid email"),
        (
            {"key": "b", "parent": None, "name": "A", "email": "a@example.org", "body": "   "},
            "empty",
        ),
        ({"parent": None, "name": "A", "email": "a@example.org", "body": "hi"}, "'key'"),
    ],
)
def test_refused_comment_prints_an_error_and_the_import_goes_on(tmp_path, capsys, comment, message):
    good = {
        "key": "good",
        "parent": None,
        "name": "B",
        "email": "b@example.org",
        "body": "A fine comment.",
        "status": "approved",
    }
    lines = run_import(tmp_path, document([comment, good]), capsys)
    assert message in lines[0]["error"]
    assert lines[1]["key"] == "good" and lines[1]["status"] == "approved"


def test_unreadable_or_malformed_file_is_a_clear_command_error(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("import_thread", str(bad))
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_thread", str(tmp_path / "missing.json"))
    shapeless = tmp_path / "shapeless.json"
    shapeless.write_text(json.dumps({"comments": []}))
    with pytest.raises(CommandError, match="'article'"):
        call_command("import_thread", str(shapeless))


def test_reimport_shows_on_an_already_cached_page(tmp_path, capsys, client):
    run_import(tmp_path, document(THREAD), capsys)
    url = "/articles/street-trees/"
    assert "The drains at my corner overflow" in client.get(url).content.decode()  # now cached
    changed = [dict(THREAD[0], body="Edited: the drains overflow every storm."), *THREAD[1:]]
    run_import(tmp_path, document(changed), capsys)
    assert "Edited: the drains overflow every storm." in client.get(url).content.decode()


def test_reimport_goes_through_the_same_rules_as_a_new_comment(tmp_path, capsys):
    first = run_import(tmp_path, document(THREAD), capsys)
    hijack = [dict(THREAD[0], name="Mara Lindqvist", status=None, body=PROMO), *THREAD[1:]]
    hijack[0].pop("status")
    lines = run_import(tmp_path, document(hijack), capsys)
    assert "belongs to an author" in lines[0]["error"]
    kept = Comment.objects.get(pk=first[0]["id"])
    assert kept.name == "Tom" and kept.status == "approved" and "keto" not in kept.body


def test_reimport_with_new_words_is_checked_by_the_filter_again(tmp_path, capsys):
    first = run_import(tmp_path, document(THREAD), capsys)
    changed = [{k: v for k, v in THREAD[0].items() if k != "status"}, *THREAD[1:]]
    changed[0]["body"] = PROMO
    line = run_import(tmp_path, document(changed), capsys)[0]
    assert line["id"] == first[0]["id"]
    assert line["status"] == "spam"
    assert any("garbled" in reason.lower() for reason in line["reasons"])


def test_impossible_date_is_an_error_line_and_the_import_goes_on(tmp_path, capsys):
    bad = dict(THREAD[0], submitted_at="2024-13-45T10:00:00")
    lines = run_import(tmp_path, document([bad, THREAD[1] | {"parent": None}]), capsys)
    assert "Not an ISO 8601 time" in lines[0]["error"]
    assert lines[1]["status"] == "approved"


def test_importing_an_old_thread_emails_nobody(tmp_path, capsys, mailoutbox):
    from articles.models import AuthorProfile

    run_import(tmp_path, document(THREAD), capsys)
    AuthorProfile.objects.filter(user__username="mara").update(notify_new_comments=True)
    more = [
        {
            "key": "d",
            "parent": "a",
            "name": "Ana",
            "email": "ana@example.org",
            "notify_replies": True,
            "body": "The stormwater figures convinced me, thanks.",
        },
    ]
    line = run_import(tmp_path, document(more), capsys)[0]
    assert line["status"] == "approved"
    assert mailoutbox == []
