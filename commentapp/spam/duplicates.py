"""Near-duplicate detection: a bot copies a real comment on the same article and changes a few
words (often appending a link). Word 3-shingles compared with Jaccard similarity, plus how much
of the earlier comment reappears (containment), which catches "copy + appended promo".

Quoted text (``> `` lines, ``<blockquote>``) is removed from both sides first: quoting someone
to answer them is normal. Comments by the same commenter are skipped: repeating yourself is not
copying (velocity and banned phrases deal with floods).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .schema import EarlierComment
from .text import strip_quotes, words

SHINGLE = 3
MIN_SHINGLES = 6  # below ~8 words, identical short comments ("Great piece!") are normal
SIMILAR = 0.5


@lru_cache(maxsize=8192)  # the worker scores many comments of one article: reuse its shingles
def shingles(text: str) -> frozenset[tuple[str, ...]]:
    toks = words(strip_quotes(text))
    return frozenset(tuple(toks[i : i + SHINGLE]) for i in range(len(toks) - SHINGLE + 1))


@dataclass(frozen=True)
class Match:
    similarity: float
    earlier: EarlierComment
    index: int


def best_match(
    text: str,
    commenter: str,
    earlier: tuple[EarlierComment, ...],
) -> Match | None:
    """The most similar earlier comment by another commenter, if similarity >= SIMILAR."""
    mine = shingles(text)
    if len(mine) < MIN_SHINGLES:
        return None
    best: Match | None = None
    for i, other in enumerate(earlier):
        if commenter and other.commenter == commenter:
            continue
        theirs = shingles(other.text)
        if len(theirs) < MIN_SHINGLES:
            continue
        common = len(mine & theirs)
        if not common:
            continue
        jaccard = common / len(mine | theirs)
        containment = common / len(theirs)  # share of the earlier comment reproduced
        sim = max(jaccard, 0.9 * containment)
        if sim >= SIMILAR and (best is None or sim > best.similarity):
            best = Match(sim, other, i)
    return best
