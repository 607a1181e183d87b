"""classify(): run the phases, add their log-odds contributions, squash to [0, 1], label.

The text model's probability enters as its log-odds, so with an empty Context (no article, no
history) the pipeline's score is the model's probability adjusted only by text-intrinsic rules
(garbled runs, links). With an article, an on-topic comment citing a source link gets the
model's positive log-odds capped (see ``citations``): the model learned links off-domain.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

from .citations import citation
from .model import TextModel
from .phases import RULE_PHASES
from .schema import Context, Reason, Verdict

ARTIFACT = Path(__file__).resolve().parent / "artifacts" / "model.npz"
MODEL_LOGIT_CAP = 6.0  # one model alone cannot be more sure than ~99.75%
# A copy of another commenter's comment reads as genuine because the original was: the model's
# "genuine" is then no evidence about the copier, so it may pull the score down only this far.
# The same for a banned phrase: the moderators' own rule, which fluent text must not outvote.
COPY_MODEL_FLOOR = -3.0
FLOORED_BY = {
    "near_duplicate": "a copy reads as genuine as its original",
    "banned_phrase": "a banned phrase is the moderators' rule",
}


@lru_cache(maxsize=1)
def load_default_model() -> TextModel:
    """The shipped artifact (loaded once per process)."""
    return TextModel.from_bytes(ARTIFACT.read_bytes())


def _model_reason(p: float, version: str, cap: float | None = None) -> Reason:
    p = min(max(p, 1e-9), 1 - 1e-9)
    logit = max(-MODEL_LOGIT_CAP, min(MODEL_LOGIT_CAP, math.log(p / (1 - p))))
    message = f"Text model {version}: spam probability {p:.2f}"
    if cap is not None and logit > cap:
        logit = cap
        message += f" (counted as at most {cap:+.1f}: an on-topic comment citing a link)"
    return Reason("model", round(logit, 3), message)


def label_for(score: float, context: Context) -> str:
    if score >= context.spam_threshold:
        return "spam"
    if score >= context.hold_threshold:
        return "held"
    return "approved"


def classify(text: str, context: Context, *, model: TextModel | None = None) -> Verdict:
    model = model or load_default_model()
    cited = citation(text, context)
    reasons = [
        _model_reason(
            model.spam_probability([text])[0],
            model.version,
            cap=cited.model_cap if cited else None,
        )
    ]
    if cited is not None and (cited.reason.score or "at most" in reasons[0].message):
        reasons.append(cited.reason)  # explains the capped model score
    for phase in RULE_PHASES:
        reason = phase(text, context)
        if reason is not None and reason.score != 0:
            reasons.append(reason)
    model_reason = reasons[0]
    floored_by = next((FLOORED_BY[r.phase] for r in reasons if r.phase in FLOORED_BY), None)
    if model_reason.score < COPY_MODEL_FLOOR and floored_by:
        reasons[0] = Reason(
            "model",
            COPY_MODEL_FLOOR,
            f"{model_reason.message} (counted as at least {COPY_MODEL_FLOOR:+.1f}: {floored_by})",
        )
    total = sum(r.score for r in reasons)
    score = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))
    reasons.sort(key=lambda r: abs(r.score), reverse=True)
    return Verdict(
        score=score,
        label=label_for(score, context),
        reasons=tuple(reasons),
        model_version=model.version,
    )
