"""Training and leave-one-file-out evaluation (used by ``manage.py spam_train`` and the bench).

The development corpus is never shipped: the artifact and its JSON card (file names, sha256,
row counts, metrics) are. ``newsroom_examples.csv`` is ours and ships with the repo.
``newsroom_linked_candidates.csv`` (genuine comments citing sources, and link spam) is ours too
but NOT trained on: adding it lowered leave-one-file-out pooled F1 from 0.950 to 0.943 (FPR
1.99% -> 2.17%), because the corpus's bare-link spam then looks less like spam. On-topic
citations are handled in the pipeline instead (``citations``); the file is kept for a
future model that can tell link kinds apart.
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
from .features import FEATURE_VERSION, FeatureSpec
from .pipeline import classify
from .schema import Context
from .text import clean

PACKAGE_DIR = Path(__file__).resolve().parent
NEWSROOM_CSV = PACKAGE_DIR / "data" / "newsroom_examples.csv"
ARTIFACT_DIR = PACKAGE_DIR / "artifacts"
C = 30.0  # inverse L2 strength when a caller fixes it (tests); training picks from C_GRID
# Candidate inverse L2 strengths. ``choose_c`` picks one by leave-one-file-out *inside* the
# files it is given, so the held-out file of an evaluation fold never influences the choice.
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
    files: Sequence[Dataset], extra: Dataset, *, c: float, version: str, meta: dict | None = None
) -> model_mod.TextModel:
    texts = [t for d in files for t in d[0]] + extra[0]
    labels = [y for d in files for y in d[1]] + extra[1]
    weights = [1.0] * (len(labels) - len(extra[1])) + [EXTRA_WEIGHT] * len(extra[1])
    return model_mod.fit(texts, labels, version=version, c=c, sample_weight=weights, meta=meta)


def choose_c(files: Sequence[Dataset], extra: Dataset, grid: Sequence[float] = C_GRID) -> dict:
    """The C with the best pooled ROC AUC when each of ``files`` is held out in turn (trained
    on the others plus ``extra``). AUC, not F1 at 0.5: it judges the ranking, which is what
    the thresholds downstream rely on. Returns ``{"C": best, "auc": {C: auc}}``.
    """
    from sklearn.metrics import roc_auc_score

    if len(files) < 2:
        return {"C": C, "auc": {}}
    aucs = {}
    for c in grid:
        y_all, s_all = [], []
        for i, held in enumerate(files):
            others = [d for j, d in enumerate(files) if j != i]
            m = _fit_on(others, extra, c=c, version="inner")
            y_all += held[1]
            s_all += list(m.decision(held[0]))
        aucs[c] = float(roc_auc_score(y_all, s_all))
    best = max(grid, key=lambda c: (aucs[c], -c))  # ties: the stronger regularisation
    return {"C": best, "auc": aucs}


def leave_one_file_out(
    csv_paths: Sequence[str | Path],
    *,
    extra_examples_csv: str | Path | None = NEWSROOM_CSV,
    c: float | None = None,
) -> dict:
    """Train on all files but one (plus the extra examples), score the held-out file, rotate.

    ``c=None`` chooses C per fold with :func:`choose_c` on the training files only (nested).
    Returns per-fold and pooled metrics for the text model alone (p >= 0.5) and for the whole
    pipeline with an empty Context (positive = not approved, and positive = labelled "spam"),
    plus the C each fold used and the held-out files' model scores (log-odds).
    """
    data = [load_corpus_csv(p) for p in csv_paths]
    extra = load_corpus_csv(extra_examples_csv) if extra_examples_csv else ([], [])
    pooled: dict[str, list[int]] = {"y": [], "model": [], "not_approved": [], "spam": []}
    folds, chosen, scores = {}, {}, []
    for i, path in enumerate(csv_paths):
        train_files = [d for j, d in enumerate(data) if j != i]
        fold_c = c if c is not None else choose_c(train_files, extra)["C"]
        chosen[Path(path).name] = fold_c
        m = _fit_on(train_files, extra, c=fold_c, version=f"loo-{i}")
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
    return {
        "folds": folds,
        "pooled": pooled_metrics,
        "C": chosen,
        "y": pooled["y"],
        "scores": scores,
    }


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
    selection = choose_c(corpus, extra)
    card = {
        "version": version,
        "created": now.isoformat(timespec="seconds"),
        "training_data": files,
        "rows": sum(f["rows"] for f in files),
        "model": "logistic regression (balanced class weights) on hashed word 1-2 + char_wb 2-5 "
        "grams of normalised text (links -> kind tokens, numbers -> shape tokens, "
        "character runs squashed; log-tf, idf, l2 per block) + 20 shape and "
        f"{len(spec.cues)} cue features",
        "feature_version": FEATURE_VERSION,
        "hyper_parameters": {
            "C": selection["C"],
            "C_grid": list(C_GRID),
            "C_selection": "leave-one-file-out ROC AUC on the training files",
            "C_auc": {str(k): v for k, v in selection["auc"].items()},
            "extra_examples_weight": EXTRA_WEIGHT,
            **asdict(spec),
            "cues": list(spec.cues),
        },
    }
    if evaluate and len(paths) >= 2:
        loo = leave_one_file_out(paths, extra_examples_csv=extra_examples_csv)
        card["leave_one_file_out"] = {k: loo[k] for k in ("folds", "pooled", "C")}
    m = _fit_on(
        corpus, extra, c=selection["C"], version=version, meta={"trained_rows": card["rows"]}
    )
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
