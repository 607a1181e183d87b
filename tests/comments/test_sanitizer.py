"""What a reader's text may become on the page: only the safelist, only safe links."""

import re
from pathlib import Path

import pytest

from commentapp.comments.sanitizer import sanitize_comment

XSS_FILE = Path(__file__).resolve().parents[3] / "shared" / "data" / "xss" / "patt-IntrudersXSS.txt"

# Always tested, whether or not the shared payload list is present.
CLASSIC_PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg/onload=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="jav&#x09;ascript:alert(1)">click</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    "<iframe src=//evil.example></iframe>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></math>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<svg><style><img src=x onerror=alert(1)></style></svg>",
    "<<script>script>alert(1)<</script>/script>",
    "<details open ontoggle=alert(1)>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<!--<img src=x onerror=alert(1)>-->",
    '<form action="javascript:alert(1)"><button>x</button></form>',
]

TAG_RE = re.compile(r"<\s*([a-zA-Z][a-zA-Z0-9]*)")
ALLOWED = {"p", "br", "a", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li"}


def _payloads():
    lines = list(CLASSIC_PAYLOADS)
    if XSS_FILE.is_file():
        lines += [line for line in XSS_FILE.read_text(encoding="utf-8").splitlines() if line]
    return lines


def assert_no_executable_markup(html: str) -> None:
    lowered = html.lower()
    assert "<script" not in lowered
    assert not re.search(r"<[^>]*\son[a-z]+\s*=", lowered), html
    for attr in re.findall(r'(?:href|src)="([^"]*)"', lowered):
        assert not attr.strip().startswith(("javascript:", "vbscript:", "data:")), html
    assert set(TAG_RE.findall(html.lower())) <= ALLOWED, html


def test_the_shared_payload_list_is_there_to_test():
    # The payload list lives beside the repo (../shared). If it moved, this says so plainly.
    assert XSS_FILE.is_file(), f"missing XSS payload list at {XSS_FILE}"
    assert len(_payloads()) > 150


@pytest.mark.parametrize("payload", _payloads())
def test_payload_leaves_no_executable_markup_and_sanitizing_is_idempotent(payload):
    clean = sanitize_comment(payload)
    assert_no_executable_markup(clean)
    assert sanitize_comment(clean) == clean


def test_plain_text_becomes_paragraphs_and_line_breaks():
    assert sanitize_comment("First line\nsecond line\n\nNew paragraph") == (
        "<p>First line<br>second line</p><p>New paragraph</p>"
    )


def test_allowed_markup_survives():
    html = sanitize_comment("<p>I <em>really</em> <strong>agree</strong>: <code>x</code></p>")
    assert html == "<p>I <em>really</em> <strong>agree</strong>: <code>x</code></p>"


def test_links_get_nofollow_ugc_noopener_and_bare_urls_are_linked():
    html = sanitize_comment('See <a href="https://example.org/a" target="_blank">this</a>')
    assert 'rel="nofollow ugc noopener"' in html
    assert "target" not in html
    bare = sanitize_comment("Source: https://example.org/report")
    assert '<a href="https://example.org/report" rel="nofollow ugc noopener">' in bare


def test_mailto_allowed_but_other_schemes_dropped():
    assert 'href="mailto:a@example.org"' in sanitize_comment('<a href="mailto:a@example.org">m</a>')
    assert "ftp:" not in sanitize_comment('<a href="ftp://example.org/">f</a>')


def test_control_characters_are_removed():
    assert sanitize_comment("a\x00b\x07c") == "<p>abc</p>"
