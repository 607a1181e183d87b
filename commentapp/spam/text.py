"""Text normalisation shared by training and classification.

The model must see the same kind of text at training time (raw YouTube API strings from the
development corpus) and at classification time (a comment's plain text as typed on the site).
Both go through :func:`clean`, so the model learns words, not encodings (HTML entities, ``<br />``
and the trailing U+FEFF the corpus carries on almost every row).
"""

from __future__ import annotations

import functools
import html
import re

_TAG_RE = re.compile(r"<[^>]{0,2000}>")
_HREF_RE = re.compile(r"""<a\b[^>]*?\bhref\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_BREAK_TAG_RE = re.compile(r"<\s*(br|/p|p|/div|div|/li|li|/blockquote|blockquote)\b[^>]*>", re.I)
_BLOCKQUOTE_RE = re.compile(r"<blockquote\b[^>]*>.*?</blockquote\s*>", re.IGNORECASE | re.DOTALL)
_SPACE_RE = re.compile(r"[ \t\r\f\v\u00a0\ufeff\u200b]+")
_URL_RE = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']+|\b[a-z0-9-]{2,}\.(?:com|net|org|info|biz|ru|io|co|ly|me|tv|xyz)"
    r"(?:/[^\s<>\"']*)?",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)?", re.UNICODE)


def clean(raw: str) -> str:
    """Plain text: HTML tags removed (their inner text kept), entities decoded, no U+FEFF.

    Block tags become newlines so ``> quoted`` lines and paragraphs survive; runs of blanks
    collapse to one space. Idempotent on already-plain text.
    """
    text = _BREAK_TAG_RE.sub("\n", raw)
    text = _TAG_RE.sub("", text)
    text = html.unescape(text)
    text = _SPACE_RE.sub(" ", text)
    lines = [line.strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def strip_quotes(raw: str) -> str:
    """The commenter's own words: drops ``<blockquote>`` blocks and lines starting with ``>``.

    Used by the near-duplicate phase: quoting an earlier comment to answer it is normal and
    must not look like copying it.
    """
    text = _BLOCKQUOTE_RE.sub("\n", raw)
    text = clean(text)
    return "\n".join(line for line in text.split("\n") if not line.lstrip().startswith(">"))


def find_urls(raw: str) -> list[str]:
    """URLs in the raw comment: ``href`` targets plus bare URLs/domains typed in the text.

    An ``<a href=X>X</a>`` counts once (the visible text usually repeats the target).
    """
    urls = [m.group(1) for m in _HREF_RE.finditer(raw)]
    seen = {norm_url(u) for u in urls}
    for match in _URL_RE.finditer(clean(raw)):
        key = norm_url(match.group(0))
        if key not in seen:
            seen.add(key)
            urls.append(match.group(0))
    return urls


def norm_url(url: str) -> str:
    """Where a URL goes, for comparing two spellings: no scheme, no "www.", no trailing "/.,)"."""
    url = html.unescape(url).lower().rstrip("/.,)")
    for prefix in ("https://", "http://", "www."):
        url = url.removeprefix(prefix)
    return url


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters/digits, keeps inner apostrophes)."""
    return [w.lower() for w in _WORD_RE.findall(text)]


def contains_phrase(lower_text: str, phrase: str) -> bool:
    """Whether the lower-cased ``phrase`` occurs in ``lower_text`` as whole words: "earn" is
    not in "learn", "subscribe" not in "subscribers". The substring test runs first: most
    phrases are absent, and it is far cheaper than the regex."""
    return phrase in lower_text and _phrase_re(phrase).search(lower_text) is not None


@functools.lru_cache(maxsize=4096)  # the cue list plus the moderators' banned phrases
def _phrase_re(phrase: str) -> re.Pattern:
    return re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")
