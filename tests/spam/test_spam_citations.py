"""Readers citing sources: a link in an on-topic comment is not spam; promotion with a link is."""

import json
from pathlib import Path

import pytest

from commentapp.spam import Context, classify

from .helpers import REAL_COMMENT, news_context

DEMO = json.loads(
    (Path(__file__).resolve().parents[2] / "articles" / "demo" / "street_trees.json").read_text(
        encoding="utf-8"
    )
)["article"]


def trees_context(**overrides) -> Context:
    values = {
        "article_title": DEMO["title"],
        "article_text": DEMO["body"],
        "commenter": "email:x@example.org",
    }
    values.update(overrides)
    return Context(**values)


CLEAR_SOURCES = [
    "Check the council's website for the planting map: https://example.gov/trees",
    "Four to six times the budget sounds too good. What discount rate did they use? The model "
    "documentation is here: https://www.itreetools.org/tools/i-tree-eco",
    "Source for the canopy numbers: https://www.bbc.co.uk/news/science-environment-123",
    "The aerial survey with the district canopy figures is published here: "
    "https://www.example.gov.uk/parks/canopy-survey-2024.pdf",
]
OTHER_GENUINE_LINKS = [
    "check out this article about trees https://www.theguardian.com/cities/trees",
    "Plane trees cope well with pollution, background: https://en.wikipedia.org/wiki/Platanus",
    "Der Bericht zum Stadtbaum-Kataster: https://www.example.de/baeume/bericht.pdf",
]
PROMO_WITH_LINK = [
    "Great article about street trees! Visit my site for cheap garden furniture and 50% off "
    "planters https://www.cheap-garden-deals.example.shop",
    "Trees are nice but crypto pays more, earn 3000 a week: https://bit.ly/3kRichNow",
    "Subscribe to my channel for tree planting videos https://www.youtube.com/channel/UCtrees",
]


@pytest.mark.parametrize("text", CLEAR_SOURCES)
def test_on_topic_comment_citing_a_source_is_approved(text):
    assert classify(text, trees_context()).label == "approved"


@pytest.mark.parametrize("text", CLEAR_SOURCES + OTHER_GENUINE_LINKS)
def test_genuine_linked_comment_is_never_spam_even_for_a_first_time_commenter(text):
    assert classify(text, trees_context()).label != "spam"


@pytest.mark.parametrize("text", PROMO_WITH_LINK)
def test_promotion_with_a_link_mentioning_the_subject_is_still_spam(text):
    assert classify(text, trees_context()).label == "spam"


def test_capped_model_score_is_explained_to_the_moderator():
    verdict = classify(OTHER_GENUINE_LINKS[0], trees_context())
    model = next(r for r in verdict.reasons if r.phase == "model")
    assert "at most" in model.message
    assert any(r.phase == "citation" for r in verdict.reasons)


def test_citing_does_not_hide_a_spam_history_or_a_garbled_run():
    text = OTHER_GENUINE_LINKS[0]
    assert classify(text, trees_context(spam_before=3)).label == "spam"
    garbled = "Source for the canopy numbers: https://example.gov/x ,1CV4J,76AWWL,4LL18,1"
    assert classify(garbled, trees_context()).label == "spam"


def test_without_an_article_the_model_is_not_capped():
    text = "check out this article about trees https://www.theguardian.com/cities/trees"
    assert classify(text, Context()).label == "spam"


def test_copy_of_another_comment_with_a_source_link_is_not_approved():
    copy = REAL_COMMENT + " Source: https://www.example.gov/loading-bays"
    verdict = classify(copy, news_context(commenter="email:bot@example.net"))
    assert verdict.label != "approved"
