"""The text model: safe round-trip, clear errors, learning from moderators."""

import io

import numpy as np
import pytest

from commentapp.spam import TextModel, load_default_model
from commentapp.spam.training import NEWSROOM_CSV, load_corpus_csv

TEXTS = [
    "Great piece, thanks!",
    "check out my channel and subscribe http://x.example.com",
    "Earn money fast with crypto ,8KJ2Q,X7P9L,3MZ4T,2",
    "Ich stimme nicht zu.",
]


def test_round_trip_through_bytes_gives_identical_predictions():
    model = load_default_model()
    again = TextModel.from_bytes(model.to_bytes())
    assert again.version == model.version
    assert again.spam_probability(TEXTS) == model.spam_probability(TEXTS)


@pytest.mark.parametrize("garbage", [b"", b"not a model", b"PK\x03\x04broken zip"])
def test_from_bytes_rejects_garbage_with_a_clear_error(garbage):
    with pytest.raises(ValueError, match="spam text-model artifact"):
        TextModel.from_bytes(garbage)


def test_from_bytes_refuses_pickles():
    buf = io.BytesIO()
    np.savez(buf, header=np.array([object()], dtype=object))
    with pytest.raises(ValueError):
        TextModel.from_bytes(buf.getvalue())


def test_moderator_feedback_flips_the_prediction_on_a_similar_new_text():
    model = load_default_model()
    # No link, no imperative, no "my channel": nothing the shipped model knows as spam.
    new_text = (
        "The Riverside Poker Club meets on Thursdays, weekly tournaments and cash "
        "prizes, beginners welcome"
    )
    assert model.spam_probability([new_text])[0] < 0.5
    feedback = [
        "Riverside Poker Club tournaments every week, cash prizes for beginners",
        "Join Riverside Poker Club for weekly cash tournaments",
        "Beginners welcome at the Riverside Poker Club, big cash prizes",
    ]
    updated = model.updated(feedback, [1, 1, 1], version="test+1")
    assert updated.version == "test+1"
    assert updated.spam_probability([new_text])[0] >= 0.5
    # Unrelated genuine comments keep their verdict.
    assert updated.spam_probability(["Great piece, thanks!"])[0] < 0.5
    assert model.spam_probability([new_text])[0] < 0.5  # the original is unchanged


def test_not_spam_feedback_clears_a_false_positive():
    model = load_default_model()
    text = "Subscribe to the council newsletter to get the roadworks schedule every week"
    fixed = model.updated([text], [0], version="test+ham")
    assert fixed.spam_probability([text])[0] < 0.5


def test_updated_requires_matching_labels():
    with pytest.raises(ValueError):
        load_default_model().updated(["a", "b"], [1], version="x")


def test_shipped_newsroom_examples_are_learned():
    texts, labels = load_corpus_csv(NEWSROOM_CSV)
    probs = load_default_model().spam_probability(texts)
    wrong = [t for t, y, p in zip(texts, labels, probs, strict=True) if (p >= 0.5) != bool(y)]
    assert wrong == []


def test_load_corpus_csv_strips_markup_entities_and_bom(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text('CONTENT,CLASS\n"I&#39;m <b>here</b><br />ok\ufeff",0\n', encoding="utf-8")
    assert load_corpus_csv(path) == (["I'm here\nok"], [0])
