"""classify(): run the phases, add their log-odds contributions, squash to [0, 1], label.

The text model's probability enters as its log-odds, so with an empty Context (no article, no
history) the pipeline's score is the model's probability adjusted only by text-intrinsic rules
(garbled runs, links).
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

from .model import TextModel
from .phases import RULE_PHASES
from .schema import Context, Reason, Verdict

ARTIFACT = Path(__file__).resolve().parent / "artifacts" / "model.npz"
MODEL_LOGIT_CAP = 6.0  # one model alone cannot be more sure than ~99.75%


@lru_cache(maxsize=1)
def load_default_model() -> TextModel:
    """The shipped artifact (loaded once per process)."""
    return TextModel.from_bytes(ARTIFACT.read_bytes())


def _model_reason(p: float, version: str) -> Reason:
    p = min(max(p, 1e-9), 1 - 1e-9)
    logit = max(-MODEL_LOGIT_CAP, min(MODEL_LOGIT_CAP, math.log(p / (1 - p))))
    return Reason("model", round(logit, 3), f"Text model {version}: spam probability {p:.2f}")


def label_for(score: float, context: Context) -> str:
    if score >= context.spam_threshold:
        return "spam"
    if score >= context.hold_threshold:
        return "held"
    return "approved"


def classify(text: str, context: Context, *, model: TextModel | None = None) -> Verdict:
    model = model or load_default_model()
    reasons = [_model_reason(model.spam_probability([text])[0], model.version)]
    for phase in RULE_PHASES:
        reason = phase(text, context)
        if reason is not None and reason.score != 0:
            reasons.append(reason)
    total = sum(r.score for r in reasons)
    score = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))
    reasons.sort(key=lambda r: abs(r.score), reverse=True)
    return Verdict(
        score=score,
        label=label_for(score, context),
        reasons=tuple(reasons),
        model_version=model.version,
    )
