"""Training and leave-one-file-out evaluation (used by ``manage.py spam_train`` and the bench).

The development corpus is never shipped: the artifact and its JSON card (file names, sha256,
row counts, metrics) are. ``newsroom_examples.csv`` is ours and ships with the repo.
``newsroom_linked_candidates.csv`` (genuine comments citing sources, and link spam) is ours too
but NOT trained on: adding it lowered leave-one-file-out pooled F1 from 0.950 to 0.943 (FPR
1.99% -> 2.17%, feature version 2), because the corpus's bare-link spam then looks less like
spam. On-topic citations are handled in the pipeline instead (``citations``); the file is kept
for a future model that can tell link kinds apart.

How feature version 3 got from pooled F1 0.950 (FPR 1.99%) to 0.9615 (FPR 1.45%), measured
step by step on the same three folds. All of it was chosen by reading the held-out errors, so
the figure is optimistic by an amount three files cannot measure:

- bug fixes: "opinion. It's" no longer reads as the domain ``opinion.it``; cues match whole
  words ("earn" is not in "learn", "subscribe" not in "subscribers"); ".com" not in "...come";
  links hidden behind link text are seen;
- an engagement-request feature ("like this comment if", "sub to me plz"): the largest step,
  F1 about +0.01;
- eight genuine newsroom comments phrased like the corpus's spam ("please share this with your
  neighbours", "follow the money", "I will vote for"): F1 -0.004, kept because on a news site
  they are what readers write;
- the model averages logistic regressions at several regularisation strengths (``C_GRID``)
  rather than choosing one per fold by an inner leave-one-file-out (AUC): 0.9615 against
  0.9597 for the nested choice, and a third of the training time.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from . import model as model_mod
from .evaluation import compute_metrics
from .features import FEATURE_VERSION, N_SHAPE_FEATURES, FeatureSpec
from .pipeline import classify
from .schema import Context
from .text import clean

PACKAGE_DIR = Path(__file__).resolve().parent
NEWSROOM_CSV = PACKAGE_DIR / "data" / "newsroom_examples.csv"
ARTIFACT_DIR = PACKAGE_DIR / "artifacts"
# Inverse L2 strengths: the model is the average of one fit per value (``model.fit``).
C_GRID = (10.0, 30.0, 100.0)
# Our newsroom examples are the target domain and few next to ~1100 music-video comments:
# each counts as this many corpus rows, so a single genuine "source link" comment matters.
EXTRA_WEIGHT = 3.0


def load_corpus_csv(path: str | Path) -> tuple[list[str], list[int]]:
    """CONTENT (cleaned: tags, entities, U+FEFF) and CLASS (1 = spam) of a labelled CSV."""
    texts, labels = [], []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            texts.append(clean(row["CONTENT"]))
            labels.append(int(row["CLASS"]))
    return texts, labels


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


Dataset = tuple[list[str], list[int]]


def _fit_on(
    files: Sequence[Dataset],
    extra: Dataset,
    *,
    version: str,
    c: float | Sequence[float] = C_GRID,
    meta: dict | None = None,
) -> model_mod.TextModel:
    texts = [t for d in files for t in d[0]] + extra[0]
    labels = [y for d in files for y in d[1]] + extra[1]
    weights = [1.0] * (len(labels) - len(extra[1])) + [EXTRA_WEIGHT] * len(extra[1])
    return model_mod.fit(texts, labels, version=version, c=c, sample_weight=weights, meta=meta)


def leave_one_file_out(
    csv_paths: Sequence[str | Path],
    *,
    extra_examples_csv: str | Path | None = NEWSROOM_CSV,
    c: float | Sequence[float] = C_GRID,
) -> dict:
    """Train on all files but one (plus the extra examples), score the held-out file, rotate.

    Returns per-fold and pooled metrics for the text model alone (p >= 0.5) and for the whole
    pipeline with an empty Context (positive = not approved, and positive = labelled "spam"),
    plus the held-out files' model scores (log-odds).
    """
    data = [load_corpus_csv(p) for p in csv_paths]
    extra = load_corpus_csv(extra_examples_csv) if extra_examples_csv else ([], [])
    pooled: dict[str, list[int]] = {"y": [], "model": [], "not_approved": [], "spam": []}
    folds, scores = {}, []
    for i, path in enumerate(csv_paths):
        train_files = [d for j, d in enumerate(data) if j != i]
        m = _fit_on(train_files, extra, c=c, version=f"loo-{i}")
        texts, y = data[i]
        probs = m.spam_probability(texts)
        scores += [float(v) for v in m.decision(texts)]
        verdicts = [classify(t, Context(), model=m) for t in texts]
        preds = {
            "model": [int(p >= 0.5) for p in probs],
            "not_approved": [int(v.label != "approved") for v in verdicts],
            "spam": [int(v.label == "spam") for v in verdicts],
        }
        folds[Path(path).name] = {k: compute_metrics(y, v).as_dict() for k, v in preds.items()}
        pooled["y"] += y
        for k, v in preds.items():
            pooled[k] += v
    pooled_metrics = {
        k: compute_metrics(pooled["y"], pooled[k]).as_dict()
        for k in ("model", "not_approved", "spam")
    }
    return {"folds": folds, "pooled": pooled_metrics, "y": pooled["y"], "scores": scores}


def train(
    csv_paths: Sequence[str | Path],
    *,
    extra_examples_csv: str | Path | None = NEWSROOM_CSV,
    out_dir: str | Path = ARTIFACT_DIR,
    version: str | None = None,
    evaluate: bool = True,
) -> dict:
    """Fit on every file plus the extra examples, write ``model.npz`` + ``model_card.json``.

    Returns the card (a dict), including leave-one-file-out metrics when ``evaluate`` and there
    are at least two corpus files.
    """
    paths = [Path(p) for p in csv_paths]
    extra = load_corpus_csv(extra_examples_csv) if extra_examples_csv else ([], [])
    corpus = [load_corpus_csv(p) for p in paths]
    files = [
        {
            "file": src.name,
            "sha256": _sha256(src),
            "rows": len(d[1]),
            "spam": sum(d[1]),
            "ham": len(d[1]) - sum(d[1]),
        }
        for src, d in zip(
            paths + ([Path(extra_examples_csv)] if extra_examples_csv else []),
            [*corpus, extra] if extra_examples_csv else corpus,
            strict=True,
        )
    ]
    now = dt.datetime.now(dt.UTC)
    version = version or now.strftime("lr-%Y%m%d-%H%M%S")
    spec = FeatureSpec()
    card = {
        "version": version,
        "created": now.isoformat(timespec="seconds"),
        "training_data": files,
        "rows": sum(f["rows"] for f in files),
        "model": "average of logistic regressions (balanced class weights, C in "
        f"{list(C_GRID)}) on hashed word 1-2 + char_wb 2-5 "
        "grams of normalised text (links -> kind tokens, numbers -> shape tokens, "
        "character runs squashed; log-tf, idf, l2 per block) + "
        f"{N_SHAPE_FEATURES} shape and {len(spec.cues)} cue features",
        "feature_version": FEATURE_VERSION,
        "evaluation_caveat": "features, examples and the C averaging were chosen by reading "
        "the leave-one-file-out errors on these same files: the figures are optimistic "
        "(commentapp/spam/training.py says by how much each step moved them)",
        "hyper_parameters": {
            "C": list(C_GRID),
            "extra_examples_weight": EXTRA_WEIGHT,
            **asdict(spec),
            "cues": list(spec.cues),
        },
    }
    if evaluate and len(paths) >= 2:
        loo = leave_one_file_out(paths, extra_examples_csv=extra_examples_csv)
        card["leave_one_file_out"] = {k: loo[k] for k in ("folds", "pooled")}
    m = _fit_on(corpus, extra, version=version, meta={"trained_rows": card["rows"]})
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    blob = m.to_bytes()
    (out / "model.npz").write_bytes(blob)
    card["artifact"] = {
        "file": "model.npz",
        "bytes": len(blob),
        "sha256": hashlib.sha256(blob).hexdigest(),
    }
    (out / "model_card.json").write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    return card
