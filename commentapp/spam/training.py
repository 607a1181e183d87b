"""Training and leave-one-file-out evaluation (used by ``manage.py spam_train`` and the bench).

The development corpus is never shipped: the artifact and its JSON card (file names, sha256,
row counts, metrics) are. ``newsroom_examples.csv`` is ours and ships with the repo.
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
from .features import FeatureSpec
from .pipeline import classify
from .schema import Context
from .text import clean

PACKAGE_DIR = Path(__file__).resolve().parent
NEWSROOM_CSV = PACKAGE_DIR / "data" / "newsroom_examples.csv"
ARTIFACT_DIR = PACKAGE_DIR / "artifacts"
C = 30.0  # inverse L2 strength; chosen by LOO on the corpus (see model_card.json)
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


def leave_one_file_out(
    csv_paths: Sequence[str | Path], *, extra_examples_csv: str | Path | None = NEWSROOM_CSV,
    c: float = C,
) -> dict:
    """Train on all files but one (plus the extra examples), score the held-out file, rotate.

    Returns per-fold and pooled metrics for the text model alone (p >= 0.5) and for the whole
    pipeline with an empty Context (positive = not approved, and positive = labelled "spam").
    """
    data = [load_corpus_csv(p) for p in csv_paths]
    extra = load_corpus_csv(extra_examples_csv) if extra_examples_csv else ([], [])
    pooled: dict[str, list[int]] = {"y": [], "model": [], "not_approved": [], "spam": []}
    folds = {}
    for i, path in enumerate(csv_paths):
        train_x = [t for j, d in enumerate(data) if j != i for t in d[0]] + extra[0]
        train_y = [y for j, d in enumerate(data) if j != i for y in d[1]] + extra[1]
        weights = [1.0] * (len(train_y) - len(extra[1])) + [EXTRA_WEIGHT] * len(extra[1])
        m = model_mod.fit(train_x, train_y, version=f"loo-{i}", c=c, sample_weight=weights)
        texts, y = data[i]
        probs = m.spam_probability(texts)
        verdicts = [classify(t, Context(), model=m) for t in texts]
        preds = {"model": [int(p >= 0.5) for p in probs],
                 "not_approved": [int(v.label != "approved") for v in verdicts],
                 "spam": [int(v.label == "spam") for v in verdicts]}
        folds[Path(path).name] = {k: compute_metrics(y, v).as_dict() for k, v in preds.items()}
        pooled["y"] += y
        for k, v in preds.items():
            pooled[k] += v
    pooled_metrics = {k: compute_metrics(pooled["y"], pooled[k]).as_dict()
                      for k in ("model", "not_approved", "spam")}
    return {"folds": folds, "pooled": pooled_metrics}


def train(
    csv_paths: Sequence[str | Path], *, extra_examples_csv: str | Path | None = NEWSROOM_CSV,
    out_dir: str | Path = ARTIFACT_DIR, version: str | None = None, evaluate: bool = True,
) -> dict:
    """Fit on every file plus the extra examples, write ``model.npz`` + ``model_card.json``.

    Returns the card (a dict), including leave-one-file-out metrics when ``evaluate`` and there
    are at least two corpus files.
    """
    paths = [Path(p) for p in csv_paths]
    sources = list(paths) + ([Path(extra_examples_csv)] if extra_examples_csv else [])
    texts, labels, weights, files = [], [], [], []
    for src in sources:
        x, y = load_corpus_csv(src)
        texts += x
        labels += y
        weights += [EXTRA_WEIGHT if src not in paths else 1.0] * len(y)
        files.append({"file": src.name, "sha256": _sha256(src), "rows": len(y),
                      "spam": sum(y), "ham": len(y) - sum(y)})
    now = dt.datetime.now(dt.UTC)
    version = version or now.strftime("lr-%Y%m%d-%H%M%S")
    spec = FeatureSpec()
    card = {
        "version": version, "created": now.isoformat(timespec="seconds"),
        "training_data": files, "rows": len(labels),
        "model": "logistic regression (balanced class weights) on hashed word 1-2 + char_wb 2-5 "
                 "grams (log-tf, idf, l2 per block) + cue features",
        "hyper_parameters": {"C": C, "extra_examples_weight": EXTRA_WEIGHT, **asdict(spec),
                             "cues": list(spec.cues)},
    }
    if evaluate and len(paths) >= 2:
        card["leave_one_file_out"] = leave_one_file_out(paths,
                                                        extra_examples_csv=extra_examples_csv)
    m = model_mod.fit(texts, labels, version=version, spec=spec, c=C, sample_weight=weights,
                      meta={"trained_rows": len(labels)})
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    blob = m.to_bytes()
    (out / "model.npz").write_bytes(blob)
    card["artifact"] = {"file": "model.npz", "bytes": len(blob),
                        "sha256": hashlib.sha256(blob).hexdigest()}
    (out / "model_card.json").write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    return card
