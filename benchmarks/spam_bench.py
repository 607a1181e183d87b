"""Spam filter benchmark: leave-one-file-out metrics (text model, whole pipeline, TF-IDF
LinearSVC baseline), the seed-pattern checks, and classify() time per comment.

    python benchmarks/spam_bench.py --corpus /work/shared/data/spam
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.spam_seeds import SEEDS  # noqa: E402
from commentapp.spam import Context, classify, load_default_model  # noqa: E402
from commentapp.spam.evaluation import compute_metrics  # noqa: E402
from commentapp.spam.pipeline import ARTIFACT  # noqa: E402
from commentapp.spam.training import leave_one_file_out, load_corpus_csv  # noqa: E402

# The model this one replaced (lr-20261125-192329: feature version 2, C chosen per fold by an
# inner leave-one-file-out), as recorded in its model card with the same folds; its feature
# code no longer exists.
PREVIOUS = {
    "model": {
        "accuracy": 0.9499,
        "precision": 0.9800,
        "recall": 0.9215,
        "f1": 0.9499,
        "fpr": 0.0199,
        "mcc": 0.9016,
    },
    "spam": {
        "accuracy": 0.9323,
        "precision": 0.9923,
        "recall": 0.8754,
        "f1": 0.9302,
        "fpr": 0.0072,
        "mcc": 0.8714,
    },
}
# "Like this comment if ..." engagement bait: the corpus labels it spam (mostly in LMFAO), a
# labelling choice the other files barely teach (the model has an engagement-request feature
# since feature version 3); counted so the errors it still causes are visible.
BAIT_RE = re.compile(
    r"\b(like|thumbs? up|share)\b.{0,40}\b(if|this comment|for no reason)\b|"
    r"\blike this comment\b",
    re.IGNORECASE | re.DOTALL,
)


def baseline_svc(files: list[Path]) -> dict:
    """Plain word 1-2 + char_wb 2-5 TF-IDF LinearSVC, same folds, corpus files only."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_union
    from sklearn.svm import LinearSVC

    data = [load_corpus_csv(f) for f in files]
    y_all, p_all, folds = [], [], {}
    for i, f in enumerate(files):
        tx = [t for j, d in enumerate(data) if j != i for t in d[0]]
        ty = [v for j, d in enumerate(data) if j != i for v in d[1]]
        union = make_union(
            TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
        )
        clf = LinearSVC().fit(union.fit_transform(tx), ty)
        pred = [int(v) for v in clf.predict(union.transform(data[i][0]))]
        folds[f.name] = compute_metrics(data[i][1], pred)
        y_all += data[i][1]
        p_all += pred
    return {"folds": folds, "pooled": compute_metrics(y_all, p_all)}


def fmt(m: dict) -> str:
    return (
        f"acc={m['accuracy']:.4f} P={m['precision']:.4f} R={m['recall']:.4f} "
        f"F1={m['f1']:.4f} FPR={m['fpr']:.4f} MCC={m['mcc']:.4f}"
    )


def error_breakdown(files: list[Path], loo: dict) -> None:
    """How many of the text model's held-out errors are engagement bait (see BAIT_RE)."""
    texts = [t for f in files for t in load_corpus_csv(f)[0]]
    errors = [
        (t, y)
        for t, y, s in zip(texts, loo["y"], loo["scores"], strict=True)
        if (s >= 0) != bool(y)
    ]
    bait = [(t, y) for t, y in errors if BAIT_RE.search(t)]
    print(
        f"-- text model errors: {len(errors)} "
        f"({sum(1 for _, y in errors if y)} missed spam, "
        f"{sum(1 for _, y in errors if not y)} false positives); engagement bait among them: "
        f"{sum(1 for _, y in bait if y)} missed, {sum(1 for _, y in bait if not y)} false "
        "positives"
    )


def seed_checks() -> bool:
    print("\n== seed-pattern checks (shipped model, realistic contexts) ==")
    ok_all = True
    for name, text, ctx, expected in SEEDS:
        v = classify(text, ctx)
        ok = v.label in expected
        ok_all &= ok
        top = v.reasons[0]
        print(
            f"{'ok ' if ok else 'BAD'} {name:38} expected {'/'.join(expected):13} "
            f"got {v.label:8} {v.score:.3f}  [{top.phase}] {top.message[:60]}"
        )
    return ok_all


def timing(files: list[Path]) -> None:
    model = load_default_model()
    texts = [t for f in files for t in load_corpus_csv(f)[0]]
    classify("warm-up", Context(), model=model)
    for label, ctx in (("empty Context", Context()), ("news Context", SEEDS[0][2])):
        times = []
        for t in texts:
            start = time.perf_counter()
            classify(t, ctx, model=model)
            times.append((time.perf_counter() - start) * 1e6)
        times.sort()
        print(
            f"classify() {label:14}: median {statistics.median(times):.0f} us, "
            f"p95 {times[int(0.95 * len(times))]:.0f} us over {len(times)} comments"
        )
    print(f"artifact {ARTIFACT.name}: {ARTIFACT.stat().st_size / 1e6:.2f} MB ({model.version})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "data" / "spam")
    args = parser.parse_args()
    files = sorted(args.corpus.glob("*.csv"))
    if not files:
        parser.error(f"no CSV files in {args.corpus}")
    print("== leave-one-file-out (train on the others + newsroom examples) ==")
    loo = leave_one_file_out(files)
    for kind, title in (
        ("model", "text model, p >= 0.5"),
        ("not_approved", "pipeline, empty Context: held or spam"),
        ("spam", "pipeline, empty Context: labelled spam"),
    ):
        print(f"-- {title}")
        for name, fold in loo["folds"].items():
            print(f"   {name:26} {fmt(fold[kind])}")
        print(f"   {'POOLED':26} {fmt(loo['pooled'][kind])}")
    base = baseline_svc(files)
    print("-- baseline TF-IDF LinearSVC (corpus files only)")
    for name, m in base["folds"].items():
        print(f"   {name:26} {fmt(m.as_dict())}")
    print(f"   {'POOLED':26} {fmt(base['pooled'].as_dict())}")
    print("-- previous model (recorded in its card, same folds)")
    for kind, m in PREVIOUS.items():
        print(f"   {'POOLED ' + kind:26} {fmt(m)}")
    error_breakdown(files, loo)
    seeds_ok = seed_checks()
    print()
    timing(files)
    return 0 if seeds_ok else 1


if __name__ == "__main__":
    sys.exit(main())
