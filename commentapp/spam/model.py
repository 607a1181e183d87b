"""The learned text model: hashed n-gram features + a logistic-regression weight vector.

Stored as a numpy ``.npz`` (``allow_pickle=False``) with a JSON header, never a pickle: the
artifact is data (weights, IDF), so loading one cannot run code. Weights and IDF are stored
sparsely (only columns seen in training) in float32 to keep the file small.

``updated()`` learns from moderator feedback without the original corpus: a few steps of
weighted logistic-loss gradient descent on the new examples, with a proximal pull towards the
current weights so the rest of the model barely moves.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import asdict

import numpy as np
import scipy.sparse as sp

from .features import FEATURE_VERSION, FeatureSpec, Featurizer

FORMAT = "commentapp-spam-textmodel"
FORMAT_VERSION = 1


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


class TextModel:
    """Spam probability of a comment's text. Immutable: ``updated()`` returns a new model."""

    def __init__(
        self,
        *,
        spec: FeatureSpec,
        idf: np.ndarray,
        coef: np.ndarray,
        intercept: float,
        version: str,
        meta: dict | None = None,
    ) -> None:
        if coef.shape != (spec.dim,) or idf.shape != (2 * spec.n_features,):
            raise ValueError("TextModel: weight or IDF vector does not match the feature spec")
        self.spec = spec
        self.coef = coef.astype(np.float32)
        self.intercept = float(intercept)
        self.version = version
        self.meta = dict(meta or {})
        self._featurizer = Featurizer(spec, idf)

    @property
    def idf(self) -> np.ndarray:
        return self._featurizer.idf

    def decision(self, texts: Sequence[str]) -> np.ndarray:
        """Log-odds of spam for each text."""
        if not texts:
            return np.zeros(0, dtype=np.float64)
        return self._featurizer.dot(list(texts), self.coef) + self.intercept

    def spam_probability(self, texts: Sequence[str]) -> list[float]:
        return [float(p) for p in _sigmoid(self.decision(texts))]

    # -- learning from moderators -------------------------------------------------------------

    def updated(
        self,
        texts: Sequence[str],
        labels: Sequence[int],
        *,
        version: str,
        weight: float = 1.0,
        steps: int = 200,
        learning_rate: float = 0.5,
        margin: float = 0.85,
    ) -> TextModel:
        """A new model moved towards ``labels`` (1 = spam, 0 = not spam) on ``texts``.

        Minimises ``weight * logloss(new examples) + 0.5 * prox * ||w - w_current||^2`` by
        gradient descent, stopping as soon as every feedback example is on its side with
        probability ``margin``: a correction wins on that text and on close variants of it,
        while texts sharing few features with it keep their scores.
        """
        if len(texts) != len(labels) or not texts:
            raise ValueError("updated() needs as many labels as texts, and at least one")
        y = np.array([1.0 if int(v) else 0.0 for v in labels])
        x = self._featurizer.transform(list(texts)).astype(np.float64)
        coef = self.coef.astype(np.float64)
        base = coef.copy()
        intercept = self.intercept
        prox = 0.01
        for _ in range(steps):
            p = _sigmoid(x @ coef + intercept)
            ok = np.where(y == 1, p >= margin, p <= 1 - margin)
            if ok.all():
                break
            err = weight * (p - y) / len(y)
            coef -= learning_rate * (x.T @ err + prox * (coef - base))
            # The intercept shifts every comment's score: move it only a little.
            intercept -= 0.05 * learning_rate * float(err.sum())
        meta = {
            **self.meta,
            "parent_version": self.version,
            "feedback_examples": int(self.meta.get("feedback_examples", 0)) + len(y),
        }
        return TextModel(
            spec=self.spec, idf=self.idf, coef=coef, intercept=intercept, version=version, meta=meta
        )

    # -- safe serialisation -------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        header = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "feature_version": FEATURE_VERSION,
            "version": self.version,
            "intercept": self.intercept,
            "spec": {**asdict(self.spec), "cues": list(self.spec.cues)},
            "meta": self.meta,
        }
        idf_default = float(self.idf.max()) if self.idf.size else 1.0
        idf_idx = np.flatnonzero(self.idf != np.float32(idf_default)).astype(np.int32)
        coef_idx = np.flatnonzero(self.coef).astype(np.int32)
        buf = io.BytesIO()
        np.savez_compressed(
            buf,
            header=np.frombuffer(json.dumps(header).encode(), dtype=np.uint8),
            idf_default=np.array([idf_default], dtype=np.float32),
            idf_idx=idf_idx,
            idf_val=self.idf[idf_idx],
            coef_idx=coef_idx,
            coef_val=self.coef[coef_idx],
        )
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> TextModel:
        try:
            with np.load(io.BytesIO(data), allow_pickle=False) as npz:
                header = json.loads(npz["header"].tobytes().decode())
                arrays = {
                    k: npz[k] for k in ("idf_default", "idf_idx", "idf_val", "coef_idx", "coef_val")
                }
        except (
            OSError,
            EOFError,
            ValueError,
            KeyError,
            zipfile.BadZipFile,
            UnicodeDecodeError,
        ) as exc:
            raise ValueError(f"not a spam text-model artifact: {exc}") from exc
        if header.get("format") != FORMAT or header.get("format_version") != FORMAT_VERSION:
            raise ValueError(f"not a spam text-model artifact (format {header.get('format')!r})")
        if header.get("feature_version") != FEATURE_VERSION:
            raise ValueError(
                f"artifact was built for feature version {header.get('feature_version')}, "
                f"this code extracts version {FEATURE_VERSION}: rebuild it with spam_train"
            )
        s = header["spec"]
        spec = FeatureSpec(
            n_features=int(s["n_features"]),
            word_ngrams=tuple(s["word_ngrams"]),
            char_ngrams=tuple(s["char_ngrams"]),
            cues=tuple(s["cues"]),
        )
        idf = np.full(2 * spec.n_features, arrays["idf_default"][0], dtype=np.float32)
        coef = np.zeros(spec.dim, dtype=np.float32)
        try:
            idf[arrays["idf_idx"]] = arrays["idf_val"]
            coef[arrays["coef_idx"]] = arrays["coef_val"]
        except (IndexError, ValueError) as exc:
            raise ValueError(f"corrupt spam text-model artifact: {exc}") from exc
        return cls(
            spec=spec,
            idf=idf,
            coef=coef,
            intercept=float(header["intercept"]),
            version=str(header["version"]),
            meta=header.get("meta") or {},
        )


def fit(
    texts: Sequence[str],
    labels: Sequence[int],
    *,
    version: str,
    spec: FeatureSpec | None = None,
    c: float | Sequence[float] = 30.0,
    meta: dict | None = None,
    sample_weight: Sequence[float] | None = None,
) -> TextModel:
    """Train a fresh model (balanced class weights: the corpus and the site are not 50/50).

    Several ``c`` (inverse L2 strengths): one logistic regression per value on the same
    features, and the model is their average, still a single weight vector, so scoring costs
    the same. Averaging over the regularisation strengths instead of picking one keeps the
    choice from leaning on three files' quirks (see ``training``).
    """
    from sklearn.linear_model import LogisticRegression

    spec = spec or FeatureSpec()
    counts = Featurizer.raw_counts(spec, texts)
    idf = Featurizer.fit_idf(counts)
    x = sp.csr_matrix(Featurizer(spec, idf).transform(list(texts)), dtype=np.float64)
    y = np.asarray(labels, dtype=int)
    weights = None if sample_weight is None else np.asarray(sample_weight, float)
    cs = [float(c)] if isinstance(c, int | float) else [float(v) for v in c]
    coefs, intercepts = [], []
    for value in cs:
        clf = LogisticRegression(C=value, class_weight="balanced", max_iter=5000)
        clf.fit(x, y, sample_weight=weights)
        coefs.append(clf.coef_[0])
        intercepts.append(float(clf.intercept_[0]))
    return TextModel(
        spec=spec,
        idf=idf,
        coef=np.mean(coefs, axis=0),
        intercept=float(np.mean(intercepts)),
        version=version,
        meta=meta,
    )
