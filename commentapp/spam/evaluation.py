"""Binary-classification metrics in plain Python (used by ``spam_eval`` and the benchmark).

Positive class = spam (1). Kept dependency-free so the management command stays thin and the
figures are easy to check by hand.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Metrics:
    n: int
    tp: int
    fp: int
    tn: int
    fn: int
    accuracy: float
    precision: float
    recall: float
    f1: float
    fpr: float  # genuine comments labelled spam / all genuine comments
    mcc: float
    us_per_comment: float | None = None

    def as_dict(self) -> dict:
        return asdict(self)

    def line(self) -> str:
        timing = "" if self.us_per_comment is None else f"  {self.us_per_comment:.0f} us/comment"
        return (
            f"n={self.n:<5} acc={self.accuracy:.4f} P={self.precision:.4f} "
            f"R={self.recall:.4f} F1={self.f1:.4f} FPR={self.fpr:.4f} "
            f"MCC={self.mcc:.4f}{timing}"
        )


def _div(a: float, b: float) -> float:
    return a / b if b else 0.0


def compute_metrics(
    y_true: Sequence[int],
    y_pred: Sequence[int],
    *,
    us_per_comment: float | None = None,
) -> Metrics:
    """Confusion counts and the usual rates; undefined ratios (0/0) are reported as 0."""
    if len(y_true) != len(y_pred):
        raise ValueError("y_true and y_pred differ in length")
    tp = fp = tn = fn = 0
    for t, p in zip(y_true, y_pred, strict=True):
        if p:
            tp, fp = (tp + 1, fp) if t else (tp, fp + 1)
        else:
            fn, tn = (fn + 1, tn) if t else (fn, tn + 1)
    precision, recall = _div(tp, tp + fp), _div(tp, tp + fn)
    denom = math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    return Metrics(
        n=len(y_true),
        tp=tp,
        fp=fp,
        tn=tn,
        fn=fn,
        accuracy=_div(tp + tn, len(y_true)),
        precision=precision,
        recall=recall,
        f1=_div(2 * precision * recall, precision + recall),
        fpr=_div(fp, fp + tn),
        mcc=_div(tp * tn - fp * fn, denom),
        us_per_comment=us_per_comment,
    )


def evaluate(
    texts: Sequence[str],
    labels: Sequence[int],
    predict: Callable[[str], int],
) -> Metrics:
    """Score ``texts`` one at a time (as the worker does) and time it."""
    start = time.perf_counter()
    preds = [int(predict(t)) for t in texts]
    elapsed = time.perf_counter() - start
    return compute_metrics(labels, preds, us_per_comment=1e6 * _div(elapsed, len(texts)))
