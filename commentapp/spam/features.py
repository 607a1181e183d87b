"""Feature extraction for the learned text model.

Hashed features (no vocabulary to store or keep in sync, so a model can keep learning from
moderator feedback on words it has never seen): word 1-2 grams and ``char_wb`` 2-5 grams, each
block log-scaled, IDF-weighted and L2-normalised; plus a few dense "cue" features (URL count,
"check out", "subscribe", "my channel", shouting ...) that generalise across sites better than
any single n-gram does.

The exact hashing is sklearn's MurmurHash3-based ``HashingVectorizer``, which is stable across
releases; the artifact records the parameters, and :data:`FEATURE_VERSION` guards the code parts.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer

from .text import clean, contains_phrase, norm_url

FEATURE_VERSION = 3

# Any URL or bare domain ("trojmiasto.pl/...", and spaced-out "marketglory . com/x"): replaced
# by tokens so the model learns "has a link" (and which kind) instead of memorising link strings.
# Spaces around the dot are allowed only before the long generic endings: with the two-letter
# ones, every sentence starting "It", "In", "Me" or "Be" after a full stop read as a link.
_TLDS = r"com|net|org|info|biz|ru|pl|ro|nl|de|uk|io|co|ly|me|tv|xyz|be|gl|us|in|ca|fr|es|it|br"
_URL_RE = re.compile(
    rf"(?:https?://|www\.)\S+|\b[\w-]{{2,}}\.(?:{_TLDS})\b(?:/\S*)?"
    r"|\b[\w-]{2,}(?:\s\.\s?|\.\s)(?:com|net|org|info|biz)\b(?:/\S*)?",
    re.IGNORECASE,
)
URL_TOKEN = " xurlx "  # noqa: S105 (a placeholder word, not a secret)
# Links to the video platform itself are as often "here is the song" as promotion; links
# anywhere else are mostly promotion. One extra token per kind lets the model tell them apart.
_SELF_HOST_RE = re.compile(r"^(?:https?://)?(?:www\.|m\.)?youtu", re.IGNORECASE)
_REPEAT_RE = re.compile(r"(\w)\1{2,}")  # "soooo" -> "soo", "!!!!!" is kept for the counts
_NUMBER_RE = re.compile(r"\d+")
_MY_PROMO_RE = re.compile(
    r"\b(?:my|our|mi)\s+(?:\w+\s+)?(?:channel|video|videos|page|song|songs|music|blog|profile|"
    r"track|cover|covers|playlist|site|website|canal|shop|store|band|album|mixtape)\b",
    re.IGNORECASE,
)
_IMPERATIVE_RE = re.compile(
    r"^\W*(?:hey\W+\w+\W+)?(?:check|subscribe|sub|visit|click|like|share|watch|look|go|follow|"
    r"please|plz|pls|help|support|vote|search|join|listen|add|give)\b",
    re.IGNORECASE,
)
_FIRST_PERSON_RE = re.compile(r"\b(?:i|i'm|im|me|my|we|our|us)\b", re.IGNORECASE)
_SHOUT_RE = re.compile(r"[!?]{2,}")
_CURRENCY_RE = re.compile(r"[$€£]|\b(?:usd|dollars?|euros?|pounds)\b", re.IGNORECASE)
_DOTCOM_RE = re.compile(r"\.\s?com\b", re.IGNORECASE)  # not "...come up with"
# Asking readers for likes, subscriptions, shares or follows ("like this comment if...", "thumbs
# up if...", "sub to me plz", "follow me", "give it a like"): engagement bait, which the
# platforms' own spam policies count as spam. Only the request forms: "I share my neighbour's
# worry", "I will vote for her" and "I'd like if the council..." are ordinary comments.
_ENGAGEMENT_RE = re.compile(
    r"(?<!would )(?<!'d )\b(?:like|thumbs?\W*up)\W+"
    r"(?:(?:this|my|the)\W+comment|if|for\W+no\W+reason)\b"
    r"|\b(?:subscribe|sub)\b(?:\W+\w+){0,3}?\W+(?:if|me|my|for|please|plz|pls)\b"
    r"|\b(?:follow|share|sub)\W+(?:me|us)\b"
    r"|\b(?:follow|share|vote)\b(?:\W+\w+){0,3}?\W+(?:please|plz|pls)\b"
    r"|\bgive\W+(?:it|this|me|us)\W+(?:a\W+)?(?:like|thumbs\W*up)",
    re.IGNORECASE,
)

DEFAULT_CUES: tuple[str, ...] = (
    "check out",
    "check it out",
    "check my",
    "check me",
    "subscribe",
    "sub to",
    "sub me",
    "my channel",
    "my video",
    "my new",
    "my page",
    "my profile",
    "my song",
    "my music",
    "my blog",
    "my playlist",
    "my track",
    "my cover",
    "visit",
    "follow",
    "please",
    "plz",
    "free",
    "money",
    "earn",
    "click",
    "website",
    "link",
    "like this comment",
    "thumbs up",
    "share",
    "youtube",
    "watch my",
    "look up",
    "search",
    "promo",
    "discount",
    "bonus",
    "casino",
    "crypto",
    "loan",
    "income",
    "dm me",
    "whatsapp",
    "telegram",
    "gift card",
    "giveaway",
    "channel",
    "views",
    "video",
)


_ANCHOR_RE = re.compile(
    r"""<a\b[^>]*?\bhref\s*=\s*["']?\s*([^"'\s>]+)[^>]*>(.*?)</a\s*>""",
    re.IGNORECASE | re.DOTALL,
)


def _with_link_targets(raw: str) -> str:
    """``raw`` with each ``<a href=X>text</a>`` written as ``X text``: a comment's stored HTML
    hides where its links go ("click here"), and where they go is what the model should see.
    The text is dropped when it only repeats the address, so such a link counts once."""

    def shown(match: re.Match) -> str:
        target, label = match.group(1), clean(match.group(2))
        same = norm_url(label) == norm_url(target)
        return f" {target} " if same else f" {target} {match.group(2)} "

    return clean(_ANCHOR_RE.sub(shown, raw))


def _url_tokens(match: re.Match) -> str:
    kind = "xselflink" if _SELF_HOST_RE.match(match.group(0)) else "xotherlink"
    return f"{URL_TOKEN}{kind} "


def model_text(raw: str) -> str:
    """The text the model sees: cleaned, lower-cased (case is a separate dense feature), URLs
    collapsed to a link token plus its kind, character runs squashed ("soooo" -> "soo") and
    numbers replaced by their shape ("2015" -> "xnum4"), so rare spellings share features.
    """
    text = _URL_RE.sub(_url_tokens, _with_link_targets(raw))
    text = _REPEAT_RE.sub(r"\1\1", text)
    text = _NUMBER_RE.sub(lambda m: f" xnum{min(len(m.group(0)), 5)} ", text)
    return text.lower()


def _dense_row(raw: str, cues: Sequence[str]) -> list[float]:
    """Shape and cue features, each scaled to about [0, 1] (the weight vector sees raw values)."""
    text = _with_link_targets(raw)
    lower = text.lower()
    n = max(1, len(text))
    letters = max(1, sum(ch.isalpha() for ch in text))
    urls = _URL_RE.findall(text)
    self_links = sum(bool(_SELF_HOST_RE.match(u)) for u in urls)
    row = [
        1.0 if urls else 0.0,
        min(len(urls), 3) / 3,
        min(self_links, 2) / 2,
        min(len(urls) - self_links, 2) / 2,
        math.log1p(len(text)) / 6,
        min(len(text.split()), 60) / 60,
        sum(ch.isupper() for ch in text) / letters,
        sum(ch.isdigit() for ch in text) / n,
        min(sum(ord(ch) > 127 for ch in text) / n * 4, 1.0),
        min(text.count("!"), 5) / 5,
        min(len(_SHOUT_RE.findall(text)), 3) / 3,
        1.0 if "www" in lower else 0.0,
        1.0 if _DOTCOM_RE.search(text) else 0.0,
        1.0 if "http" in lower else 0.0,
        1.0 if "@" in text else 0.0,
        1.0 if _CURRENCY_RE.search(text) else 0.0,
        min(text.count("\n"), 5) / 5,
        1.0 if _FIRST_PERSON_RE.search(text) else 0.0,
        1.0 if _MY_PROMO_RE.search(text) else 0.0,
        1.0 if _IMPERATIVE_RE.search(text) else 0.0,
        1.0 if _ENGAGEMENT_RE.search(text) else 0.0,
    ]
    # Whole words only: "subscribe" in "14,000,000 subscribers" is a count, not a request.
    row.extend(1.0 if contains_phrase(lower, cue) else 0.0 for cue in cues)
    return row


N_SHAPE_FEATURES = 21


@dataclass(frozen=True)
class FeatureSpec:
    """Everything needed to turn texts into the model's feature matrix (stored in the artifact)."""

    n_features: int = 2**18  # per hashed block
    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (2, 5)
    cues: tuple[str, ...] = DEFAULT_CUES

    @property
    def dim(self) -> int:
        return 2 * self.n_features + N_SHAPE_FEATURES + len(self.cues)

    def vectorizers(self) -> tuple[HashingVectorizer, HashingVectorizer]:
        word = HashingVectorizer(
            n_features=self.n_features,
            ngram_range=self.word_ngrams,
            alternate_sign=False,
            norm=None,
            token_pattern=r"(?u)\b\w+\b",  # noqa: S106 (a regex)
        )
        char = HashingVectorizer(
            n_features=self.n_features,
            ngram_range=self.char_ngrams,
            analyzer="char_wb",
            alternate_sign=False,
            norm=None,
        )
        return word, char


class Featurizer:
    """Builds the feature matrix; ``idf`` has one weight per hashed column (both blocks)."""

    def __init__(self, spec: FeatureSpec, idf: np.ndarray) -> None:
        self.spec = spec
        self.idf = idf.astype(np.float32)
        self._word, self._char = spec.vectorizers()

    @staticmethod
    def raw_counts(spec: FeatureSpec, raws: Sequence[str]) -> sp.csr_matrix:
        """log1p term counts of both hashed blocks side by side (no IDF yet)."""
        word, char = spec.vectorizers()
        texts = [model_text(r) for r in raws]
        counts = sp.hstack([word.transform(texts), char.transform(texts)], format="csr")
        counts.data = np.log1p(counts.data)
        return counts

    @staticmethod
    def fit_idf(counts: sp.csr_matrix) -> np.ndarray:
        """Smoothed IDF as in sklearn's TfidfTransformer; unseen columns get the maximum."""
        n_docs = counts.shape[0]
        df = np.bincount(counts.indices, minlength=counts.shape[1])
        return (np.log((1 + n_docs) / (1 + df)) + 1).astype(np.float32)

    def _parts(self, raws: Sequence[str]):
        """Per hashed block: (row of each entry, column, IDF-weighted value, row L2 norms);
        plus the dense cue matrix. Plain numpy on the vectorizer's CSR arrays: scipy's sparse
        algebra costs ~1 ms of overhead per call, which alone would blow the per-comment budget.
        """
        texts = [model_text(r) for r in raws]
        n = len(texts)
        blocks = []
        for offset, vec in ((0, self._word), (self.spec.n_features, self._char)):
            m = vec.transform(texts)
            cols = m.indices.astype(np.int64) + offset
            vals = np.log1p(m.data.astype(np.float32)) * self.idf[cols]
            rows = np.repeat(np.arange(n), np.diff(m.indptr))
            norms = np.sqrt(np.bincount(rows, vals.astype(np.float64) ** 2, minlength=n))
            norms[norms == 0] = 1.0
            blocks.append((rows, cols, vals, norms))
        dense = np.array(
            [_dense_row(r, self.spec.cues) for r in raws],
            dtype=np.float32,
        ).reshape(n, N_SHAPE_FEATURES + len(self.spec.cues))
        return blocks, dense

    def dot(self, raws: Sequence[str], coef: np.ndarray) -> np.ndarray:
        """``transform(raws) @ coef`` without building the matrix (the classify hot path)."""
        blocks, dense = self._parts(raws)
        n = len(raws)
        out = dense.astype(np.float64) @ coef[2 * self.spec.n_features :].astype(np.float64)
        for rows, cols, vals, norms in blocks:
            out += np.bincount(rows, vals * coef[cols], minlength=n) / norms
        return out

    def transform(self, raws: Sequence[str]) -> sp.csr_matrix:
        """The feature matrix (training and moderator updates)."""
        blocks, dense = self._parts(raws)
        n = len(raws)
        rows = [b[0] for b in blocks]
        cols = [b[1] for b in blocks]
        vals = [(b[2] / b[3][b[0]]).astype(np.float32) for b in blocks]
        dr, dc = np.nonzero(dense)
        rows.append(dr)
        cols.append(dc + 2 * self.spec.n_features)
        vals.append(dense[dr, dc])
        return sp.csr_matrix(
            (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
            shape=(n, self.spec.dim),
            dtype=np.float32,
        )
