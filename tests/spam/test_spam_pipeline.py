"""What a moderator sees from classify(): labels and the reasons behind them."""

import pytest

from commentapp.spam import Context, EarlierComment, classify, load_default_model

from .helpers import REAL_COMMENT, news_context

GARBLED_PROMO = (
    "Boost your metabolism with GlucoTrim, the natural supplement doctors recommend. "
    "Order two bottles today and get the third free, limited stock ,1CV4J,76AWWL,4LL18,1"
)


def phases(verdict):
    return [r.phase for r in verdict.reasons]


def test_garbled_promo_is_spam_with_a_garbled_token_reason():
    verdict = classify(GARBLED_PROMO, news_context())
    assert verdict.label == "spam"
    reason = next(r for r in verdict.reasons if r.phase == "garbled_tokens")
    assert "1CV4J,76AWWL,4LL18,1" in reason.message
    assert verdict.model_version == load_default_model().version


def test_copy_of_someone_elses_comment_with_words_changed_is_not_approved():
    copy = (
        REAL_COMMENT.replace("bakery", "cafe")
        .replace("honestly", "really")
        .replace("noon", "midday")
    )
    verdict = classify(copy, news_context(commenter="email:bot@example.net"))
    assert verdict.label != "approved"
    reason = next(r for r in verdict.reasons if r.phase == "near_duplicate")
    assert "% similar to earlier comment #1 by another commenter" in reason.message


def test_copy_reason_does_not_quote_the_earlier_comment():
    """The reason is stored with the copy and must not keep the original's words alive after
    the original's author has them erased."""
    verdict = classify(REAL_COMMENT, news_context(commenter="email:bot@example.net"))
    reason = next(r for r in verdict.reasons if r.phase == "near_duplicate")
    quoted = [w for w in REAL_COMMENT.lower().split() if len(w) > 4 and w in reason.message]
    assert quoted == [] and '"' not in reason.message


def test_same_commenter_repeating_themselves_is_not_a_copycat():
    verdict = classify(
        REAL_COMMENT, news_context(commenter="email:baker@example.org", approved_before=3)
    )
    assert "near_duplicate" not in phases(verdict)
    assert verdict.label == "approved"


def test_quoting_an_earlier_comment_to_answer_it_is_not_copying():
    reply = (
        f"> {REAL_COMMENT}\n"
        "Could the council not move the loading window to the afternoon for food shops?"
    )
    verdict = classify(reply, news_context())
    assert "near_duplicate" not in phases(verdict)
    assert verdict.label == "approved"
    html_quote = f"<blockquote>{REAL_COMMENT}</blockquote><p>Same problem at our shop.</p>"
    assert "near_duplicate" not in phases(classify(html_quote, news_context()))


@pytest.mark.parametrize(
    "text",
    [
        "Great piece, thanks!",
        "I disagree.",
        "grate artcle, realy helpfull thx",
        "Sehr guter Artikel, danke!",
        "Muy buen artículo.",
        "The full council minutes are here: https://www.example.gov/minutes/2024-03 (page 14).",
        "Eight months of works seems long. How did other cities manage the shop deliveries?",
    ],
)
def test_genuine_short_typo_foreign_and_linked_comments_are_approved(text):
    assert classify(text, news_context()).label == "approved"


def test_banned_phrase_gives_a_reason_naming_it():
    verdict = classify(
        "You should all try Acme Miracle Tea, it changed my life.",
        news_context(banned_phrases=("acme miracle tea",)),
    )
    reason = next(r for r in verdict.reasons if r.phase == "banned_phrase")
    assert '"acme miracle tea"' in reason.message
    assert verdict.label != "approved"


def test_a_banned_phrase_in_fluent_text_still_needs_a_moderator():
    # The model finds this fluent, friendly sentence genuine; the moderators' rule must win.
    text = "Thanks for the lovely article, my whole family enjoyed the acme miracle tea tips."
    assert classify(text, news_context()).label == "approved"
    verdict = classify(text, news_context(banned_phrases=("acme miracle tea",)))
    assert verdict.label != "approved"
    assert (
        "the moderators' rule"
        in verdict.reasons[[r.phase for r in verdict.reasons].index("model")].message
    )


def test_history_of_approvals_lowers_the_score_and_spam_history_raises_it():
    text = "Check the council website, they posted the lane map yesterday."
    first = classify(text, news_context())
    regular = classify(text, news_context(approved_before=10))
    offender = classify(text, news_context(spam_before=3))
    assert regular.score < first.score < offender.score
    assert any(r.phase == "history" and r.score < 0 for r in regular.reasons)


def test_posting_burst_adds_a_velocity_reason():
    verdict = classify("Agreed.", news_context(recent_posts=8))
    assert any(r.phase == "velocity" and "8 comments" in r.message for r in verdict.reasons)


def test_thresholds_from_the_context_decide_the_label():
    text = "Check out my profile for great deals on bikes!"
    score = classify(text, news_context()).score
    assert 0 < score < 1
    assert (
        classify(text, news_context(hold_threshold=score + 0.01, spam_threshold=score + 0.02)).label
        == "approved"
    )
    assert (
        classify(text, news_context(hold_threshold=score - 0.01, spam_threshold=score + 0.01)).label
        == "held"
    )
    assert (
        classify(text, news_context(hold_threshold=score - 0.02, spam_threshold=score)).label
        == "spam"
    )


def test_reasons_are_readable_and_sorted_by_weight():
    verdict = classify(GARBLED_PROMO, news_context())
    weights = [abs(r.score) for r in verdict.reasons]
    assert weights == sorted(weights, reverse=True)
    assert all(r.message for r in verdict.reasons)
    assert 0.0 <= verdict.score <= 1.0


def test_off_topic_promotion_is_held_but_short_off_topic_praise_is_not():
    promo = (
        "Visit my website for cheap holiday apartments in Spain with sea views, "
        "book now and save on summer deals"
    )
    verdict = classify(promo, news_context())
    assert verdict.label != "approved"
    assert any(r.phase == "relevance" and r.score > 1 for r in verdict.reasons)
    assert classify("Lovely photos!", news_context()).label == "approved"


def test_empty_context_still_classifies():
    verdict = classify("subscribe to my channel http://spam.example.com", Context())
    assert verdict.label == "spam"
    assert (
        classify("nice", Context(earlier_comments=(EarlierComment("nice", "x"),))).label
        == "approved"
    )
