"""The rule phases. Each takes the raw comment text and the Context and returns a Reason
(contribution in log-odds, see ``schema.Reason``) or None when it has nothing to say.

Weights are hand-set so that one strong signal alone (garbled run, banned phrase, a copy of
someone else's comment) overturns a confident "genuine" from the text model, while weak ones
(first-time commenter, off-topic but not promotional) only matter together with others.
"""

from __future__ import annotations

import re

from .duplicates import best_match
from .schema import Context, Reason
from .text import clean, contains_phrase, find_urls, words

# A comma-separated run of short upper-case tokens such as ",1CV4J,76AWWL,4LL18,1".
_RUN_RE = re.compile(r"(?:,\s?)?\b[A-Z0-9]{1,10}(?:\s?,\s?[A-Z0-9]{1,10}){2,}\b,?")
_MIXED_RE = re.compile(r"^(?=.*[A-Z])(?=.*\d)[A-Z0-9]+$")


def garbled_tokens(text: str, ctx: Context) -> Reason | None:
    plain = clean(text)
    for match in _RUN_RE.finditer(plain):
        tokens = [t.strip() for t in match.group(0).strip(", ").split(",")]
        mixed = sum(bool(_MIXED_RE.match(t)) and len(t) >= 3 for t in tokens)
        at_end = not plain[match.end() :].strip(" .,;!\n")
        if mixed >= 3 or (mixed >= 2 and at_end):
            where = "Ends in" if at_end else "Contains"
            return Reason(
                "garbled_tokens",
                6.0 if at_end else 4.5,
                f"{where} a garbled token run: '{match.group(0).strip()}'",
            )
    return None


def near_duplicate(text: str, ctx: Context) -> Reason | None:
    match = best_match(text, ctx.commenter, ctx.earlier_comments)
    if match is None:
        return None
    sim = match.similarity
    # Never quote the earlier comment: this message is stored with the copy (spam reasons,
    # audit log) and would outlive the original's erasure. Moderators see the thread instead.
    return Reason(
        "near_duplicate",
        round(2.0 + 4.0 * sim, 3),
        f"{sim:.0%} similar to earlier comment #{match.index + 1} by another commenter",
    )


def links(text: str, ctx: Context) -> Reason | None:
    urls = find_urls(text)
    if not urls:
        return None
    n_words = max(1, len(words(clean(text))))
    ratio = len(urls) / n_words
    # One source link in a sentence is normal on a news site; many links, or a comment that
    # is little more than a link, is the link-spam shape.
    score = 0.9 * (len(urls) - 1) + (1.0 if ratio >= 0.25 else 0.0)
    score = min(score, 3.5)
    if score <= 0:
        return None
    return Reason(
        "links",
        round(score, 3),
        f"{len(urls)} link(s), {ratio:.2f} links per word ({', '.join(urls[:3])})",
    )


def banned_phrase(text: str, ctx: Context) -> Reason | None:
    lower = " ".join(clean(text).lower().split())
    hits = []
    for phrase in ctx.banned_phrases:
        p = " ".join(phrase.lower().split())
        if p and contains_phrase(lower, p):
            hits.append(p)
    if not hits:
        return None
    quoted = ", ".join(f'"{h}"' for h in hits[:5])
    return Reason("banned_phrase", 4.0 + 1.0 * (len(hits) - 1), f"Contains banned phrase {quoted}")


_STOP = frozenset(
    (
        "the",
        "and",
        "for",
        "are",
        "but",
        "not",
        "you",
        "all",
        "any",
        "can",
        "had",
        "her",
        "was",
        "one",
        "our",
        "out",
        "has",
        "him",
        "his",
        "how",
        "its",
        "may",
        "new",
        "now",
        "old",
        "see",
        "two",
        "way",
        "who",
        "did",
        "get",
        "let",
        "say",
        "she",
        "too",
        "use",
        "this",
        "that",
        "with",
        "have",
        "from",
        "they",
        "will",
        "what",
        "when",
        "your",
        "just",
        "than",
        "them",
        "then",
        "very",
        "been",
        "were",
        "their",
        "there",
        "about",
        "would",
        "could",
        "should",
        "which",
        "these",
        "those",
        "into",
        "more",
        "some",
        "only",
        "also",
        "like",
        "much",
        "really",
        "great",
        "thanks",
        "thank",
        "piece",
        "article",
        "good",
        "agree",
        "disagree",
        "think",
        "people",
        "because",
    )
)
_SELLING = (
    r"\b(buy|discount(?! rates?\b)|promo|offer|free|earn|income|profit|casino|bet|bonus|crypto|"
    r"bitcoin|loan|loans|credit|seo|backlinks?|followers|supplements?|pills?|weight loss|subscribe|"
    r"check (?:out )?my|visit|my (?:channel|profile|page|site|website|blog)|click|order now|"
    r"dm me|whatsapp|telegram|affiliate|referral|forex|make money|sign up|join now|promo code|"
    r"coupon)\b|\$\d|\d\s?% off\b"
)
# Selling words (and "% off"-style percentages, for an off-topic comment).
_PROMO_RE = re.compile(_SELLING + r"|\d+%", re.IGNORECASE)
SELLING_RE = re.compile(_SELLING, re.IGNORECASE)  # no percentages: sources quote figures


def stems(tokens: list[str]) -> set[str]:
    return {t[:5] for t in tokens if len(t) >= 4 and t not in _STOP and not t.isdigit()}


def relevance(text: str, ctx: Context) -> Reason | None:
    article = f"{ctx.article_title}\n{ctx.article_text}"
    if not article.strip():
        return None
    plain = clean(text)
    urls = find_urls(text)
    for url in urls:  # link text is not the commenter's words
        plain = plain.replace(url, " ")
    mine = stems(words(plain))
    if len(mine) < 5:
        return None  # short comments ("Great piece, thanks!") are never judged on topic
    overlap = len(mine & stems(words(article))) / len(mine)
    if overlap >= 0.2:
        # The text model learned "link = spam" from link-spam corpora; on a news site a link
        # inside an on-topic comment is usually a source, so on-topic counts more then.
        cites = " and its link reads as a source" if urls else ""
        return Reason(
            "relevance",
            -1.2 if urls else -0.7,
            f"On topic: {overlap:.0%} of its words are the article's{cites}",
        )
    if overlap >= 0.1:
        return None
    # A source link alone is not promotion (readers cite sources); selling words are.
    promo = _PROMO_RE.search(plain)
    if promo:
        score = 3.0 if urls else 2.5
        return Reason(
            "relevance",
            score,
            f"Off-topic ({overlap:.0%} of its words are the "
            f'article\'s) and promotional ("{promo.group(0)}")',
        )
    return Reason("relevance", 0.3, f"Off-topic: {overlap:.0%} of its words are the article's")


def history(text: str, ctx: Context) -> Reason | None:
    if not ctx.commenter:
        return None  # unknown poster (e.g. offline evaluation): no evidence either way
    score, parts = 0.0, []
    if ctx.approved_before:
        score -= min(0.5 + 0.25 * ctx.approved_before, 2.5)
        parts.append(f"{ctx.approved_before} earlier approved comment(s)")
    if ctx.spam_before:
        score += min(1.0 + 0.5 * (ctx.spam_before - 1), 3.0)
        parts.append(f"{ctx.spam_before} earlier comment(s) marked spam")
    if not parts:
        return Reason("history", 0.3, "First-time commenter")
    return Reason("history", round(score, 3), "; ".join(parts))


def velocity(text: str, ctx: Context) -> Reason | None:
    if ctx.recent_posts < 3:
        return None
    score = min(0.6 * (ctx.recent_posts - 2), 3.0)
    return Reason(
        "velocity",
        round(score, 3),
        f"{ctx.recent_posts} comments by this poster in the last 10 minutes",
    )


RULE_PHASES = (garbled_tokens, near_duplicate, links, banned_phrase, relevance, history, velocity)
