"""The engine's public value types (the service layer builds a Context and stores the Verdict)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EarlierComment:
    text: str  # plain text of an earlier comment on the same article
    commenter: str  # identity key: "user:<id>" or "email:<lowercased email>"


@dataclass(frozen=True)
class Context:
    article_title: str = ""
    article_text: str = ""  # plain text of the article body
    earlier_comments: tuple[EarlierComment, ...] = ()  # same article, oldest first
    commenter: str = ""  # identity key of the poster, same format ("" = unknown)
    approved_before: int = 0  # poster's earlier approved comments (site-wide)
    spam_before: int = 0  # poster's earlier comments marked spam
    recent_posts: int = 0  # poster's comments in the last 10 minutes, before this one
    banned_phrases: tuple[str, ...] = ()  # moderator-edited list (case-insensitive)
    hold_threshold: float = 0.5  # score >= hold -> "held"
    spam_threshold: float = 0.8  # score >= spam -> "spam"


@dataclass(frozen=True)
class Reason:
    """One phase's evidence.

    ``score`` is the phase's contribution in log-odds (the final score is the logistic of the
    sum of all contributions, so contributions add up like independent evidence): positive
    pushes towards spam, negative (e.g. a history of approved comments) towards approval.
    """

    phase: str
    score: float
    message: str


@dataclass(frozen=True)
class Verdict:
    score: float  # final score in [0, 1]
    label: str  # "approved", "held" or "spam" (Comment.status values)
    reasons: tuple[Reason, ...]  # contributing phases, largest |score| first
    model_version: str  # version of the TextModel used
