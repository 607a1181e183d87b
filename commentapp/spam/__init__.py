"""The spam filter engine: plain Python (no Django), an ordered pipeline of explainable phases
plus a learned text model. The Django service builds a Context and stores the Verdict.
"""

from .model import TextModel
from .pipeline import classify, load_default_model
from .schema import Context, EarlierComment, Reason, Verdict

__all__ = [
    "Context",
    "EarlierComment",
    "Reason",
    "TextModel",
    "Verdict",
    "classify",
    "load_default_model",
]
