"""Source links in on-topic comments: limit what the off-domain text model may say about them.

The text model learned links from music-video comments, where nearly every link is promotion, so
on its own it calls a reader who cites the council's page or a study spam. On a news site a link
in a comment that talks about the article, without selling anything, is usually a source. This
module does not approve such a comment: it caps the model's positive log-odds so the model alone
can at most send it to a moderator, and every other phase (garbled runs, banned phrases, copies,
link counts, history, velocity) still counts in full.

Two strengths:

- *weak*: no selling words, and the comment shares at least one content word with the article
  or its link reads as a source (see below; this covers comments in another language): the
  model is capped at :data:`WEAK_CAP` (with a first-time commenter that is "held").
- *strong*: it also shares two or more content words and its link reads as a source (a
  public-body, university, encyclopedia or DOI host, or citing words such as "source", "report",
  "data", "see", "minutes"): the model is capped at 0, and a short comment, which the relevance
  phase does not judge, gets that phase's on-topic credit here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .phases import SELLING_RE, stems
from .schema import Context, Reason
from .text import clean, find_urls, words

WEAK_CAP = 0.7  # ~67%: doubtful at most, never "spam" from the model alone
STRONG_CAP = 0.0
SHORT_ON_TOPIC_CREDIT = -1.0  # what relevance gives an on-topic comment it can judge (-1.2)
MAX_LINKS = 2  # more than this is the link-spam shape, not citing

# Hosts a commenter cannot put a page of their own on: public bodies, EU and international
# organisations, universities, Wikipedia, DOI resolvers.
_REFERENCE_HOST_RE = re.compile(
    r"^(?:https?://)?(?:[\w-]+\.)*(?:(?:gov|gouv|gob|govt)(?:\.[a-z]{2})?|nhs\.uk|europa\.eu|"
    r"int|edu(?:\.[a-z]{2})?|ac\.[a-z]{2}|wikipedia\.org|doi\.org)(?:[:/?#]|$)",
    re.IGNORECASE,
)
_CITING_RE = re.compile(
    r"\b(?:sources?|see|according|report|reports|data|dataset|study|paper|survey|minutes|"
    r"documentation|figures|numbers|statistics|table|page|section|chapter|appendix|map|"
    r"published|judgment|ruling|decision|consultation|here(?:'s| is| are)|is here|are here|"
    r"full text|quelle|fuente|bron|źródło|fonte|rapport|informe|bericht)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Citation:
    model_cap: float  # the model's log-odds contribution is at most this
    reason: Reason  # what the moderator reads (score 0 unless credit is given)


def reads_as_source(text: str, urls: list[str]) -> bool:
    if any(_REFERENCE_HOST_RE.match(u.rstrip(".,;:!?)")) for u in urls):
        return True
    return bool(_CITING_RE.search(text)) or any(".pdf" in u.lower() for u in urls)


def citation(text: str, ctx: Context) -> Citation | None:
    """How far the text model is trusted on this comment's links (None: fully)."""
    article = f"{ctx.article_title}\n{ctx.article_text}"
    urls = find_urls(text)
    if not urls or len(urls) > MAX_LINKS or not article.strip():
        return None
    plain = clean(text)
    for url in urls:  # link text is not the commenter's words
        plain = plain.replace(url, " ")
    if SELLING_RE.search(plain):
        return None
    mine = stems(words(plain))
    shared = mine & stems(words(article))
    sourced = reads_as_source(plain, urls)
    # A comment in another language shares no words with the article; citing wording or a
    # reference host still makes its link read as a source.
    if not shared and not (sourced and len(words(plain)) >= 3):
        return None
    named = ", ".join(sorted(shared)[:4]) or "none"
    if len(shared) >= 2 and sourced:
        credit = SHORT_ON_TOPIC_CREDIT if len(mine) < 5 else 0.0  # else relevance judged it
        return Citation(
            STRONG_CAP,
            Reason(
                "citation",
                credit,
                f"Cites a source in an on-topic comment (shares {named}... with the article): "
                "the text model may not call its link spam",
            ),
        )
    return Citation(
        WEAK_CAP,
        Reason(
            "citation",
            0.0,
            f"Link that reads as a source or in a comment on the article's subject (shared "
            f"words: {named}), selling nothing: the text model alone can at most hold it",
        ),
    )
