"""The one place reader text becomes HTML.

Sanitize on write (here, once), autoescape on output. The stored `body_html` is the only reader
text the templates mark safe. bleach parses with html5lib like a browser does, so markup that a
browser would re-interpret (mutation XSS) is normalised before the safelist is applied.
"""

import re
from functools import partial

import bleach
from bleach.linkifier import LinkifyFilter

ALLOWED_TAGS = frozenset(
    {"p", "br", "a", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li"}
)
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"

_BLOCK_TAG_RE = re.compile(r"<\s*(p|pre|blockquote|ul|ol)\b", re.IGNORECASE)
# Control characters other than tab and newline have no place in a comment.
CONTROL_CHARS_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _set_link_rel(attrs, new=False):
    attrs[(None, "rel")] = LINK_REL
    attrs.pop((None, "target"), None)
    return attrs


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[partial(LinkifyFilter, callbacks=[_set_link_rel], skip_tags={"pre", "code"})],
)


def _paragraphs(text: str) -> str:
    """Plain text to paragraphs: a blank line starts a new <p>, a newline becomes <br>."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    return "".join("<p>" + block.replace("\n", "<br>") + "</p>" for block in blocks)


def sanitize_comment(text: str) -> str:
    """Reader text (plain, or with a little HTML) to safe HTML from the safelist.

    Idempotent: feeding the result back in returns it unchanged, so re-sanitizing stored HTML
    (after an edit, or a migration) never changes what readers see. Paragraphs are added only
    when the cleaned text has no block markup of its own, and the result always has some.
    """
    text = CONTROL_CHARS_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    html = _cleaner.clean(text)
    if html and not _BLOCK_TAG_RE.search(html):
        html = _cleaner.clean(_paragraphs(html))
    return html


def plain_text(html: str) -> str:
    """Visible text of sanitized HTML (for excerpts and the spam filter)."""
    return re.sub(r"\s+", " ", bleach.clean(html, tags=set(), strip=True)).strip()
