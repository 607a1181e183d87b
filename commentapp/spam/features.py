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

from .text import clean

FEATURE_VERSION = 1

# Any URL or bare domain ("marketglory . com/x", "trojmiasto.pl/..."): replaced by one token so
# the model learns "has a link" instead of memorising random link strings.
_URL_RE = re.compile(
    r"(?:https?://|www\.)\S+|\b[\w-]{2,}\s?\.\s?(?:com|net|org|info|biz|ru|pl|ro|nl|de|uk|io|co|"
    r"ly|me|tv|xyz|be|gl|us|in|ca|fr|es|it|br)\b(?:/\S*)?",
    re.IGNORECASE,
)
URL_TOKEN = " xurlx "  # noqa: S105 (a placeholder word, not a secret)

DEFAULT_CUES: tuple[str, ...] = (
    "check out", "check it out", "check my", "subscribe", "my channel", "my video", "my new",
    "my page", "my profile", "my song", "my music", "my blog", "visit", "follow me", "please",
    "free", "money", "earn", "click", "website", "link", "like this comment", "thumbs up if",
    "share", "youtube", "watch my", "look up", "search", "promo", "discount", "bonus", "casino",
    "crypto", "loan", "income", "dm me", "whatsapp", "telegram",
)


def model_text(raw: str) -> str:
    """The text the model sees: cleaned, URLs collapsed to one token."""
    return _URL_RE.sub(URL_TOKEN, clean(raw))


def _cue_row(raw: str, text: str, cues: Sequence[str]) -> list[float]:
    lower = text.lower()
    letters = sum(ch.isalpha() for ch in text)
    n_urls = len(_URL_RE.findall(clean(raw)))
    row = [
        1.0 if n_urls else 0.0,
        min(n_urls, 3) / 3,
        math.log1p(len(text)) / 6,
        sum(ch.isupper() for ch in text) / max(1, letters),
        min(text.count("!"), 5) / 5,
        sum(ch.isdigit() for ch in text) / max(1, len(text)),
    ]
    row.extend(1.0 if cue in lower else 0.0 for cue in cues)
    return row


N_SHAPE_FEATURES = 6


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
            n_features=self.n_features, ngram_range=self.word_ngrams, alternate_sign=False,
            norm=None, token_pattern=r"(?u)\b\w+\b",  # noqa: S106 (a regex)
        )
        char = HashingVectorizer(
            n_features=self.n_features, ngram_range=self.char_ngrams, analyzer="char_wb",
            alternate_sign=False, norm=None,
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
            [_cue_row(r, t, self.spec.cues) for r, t in zip(raws, texts, strict=True)],
            dtype=np.float32,
        ).reshape(n, N_SHAPE_FEATURES + len(self.spec.cues))
        return blocks, dense

    def dot(self, raws: Sequence[str], coef: np.ndarray) -> np.ndarray:
        """``transform(raws) @ coef`` without building the matrix (the classify hot path)."""
        blocks, dense = self._parts(raws)
        n = len(raws)
        out = dense.astype(np.float64) @ coef[2 * self.spec.n_features:].astype(np.float64)
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
            shape=(n, self.spec.dim), dtype=np.float32,
        )
