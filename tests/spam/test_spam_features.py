"""The text the model sees, its shape and engagement features, and the C-averaged fit."""

import io
import json

import numpy as np
import pytest

from commentapp.spam import TextModel, load_default_model
from commentapp.spam.features import DEFAULT_CUES, N_SHAPE_FEATURES, _dense_row, model_text
from commentapp.spam.model import fit


def test_links_become_kind_tokens_and_numbers_their_shape():
    text = model_text("Sooooo GOOD!!! 2015 http://youtu.be/9bZkp7q19f0 and www.cheap-pills.biz/x")
    assert "xurlx xselflink" in text
    assert "xurlx xotherlink" in text
    assert "9bzkp7q19f0" not in text and "cheap" not in text  # link strings are not learned
    assert "xnum4" in text and "2015" not in text
    assert text.startswith("soo good!!!")  # lower-cased, letter runs squashed


def test_a_sentence_after_a_full_stop_is_not_a_link():
    # "opinion. It's" once read as the domain "opinion.it": every "It"/"In"/"Me" sentence.
    assert "xurlx" not in model_text("My honest opinion. It's mediocre. In short, no. Me neither.")
    assert "xurlx" in model_text("buy at marketglory . com/x")  # spaced-out spam domains still
    assert "xurlx" in model_text("see trojmiasto.pl/news")


def test_link_targets_hidden_behind_link_text_are_seen():
    text = model_text('<a href="http://cheap.example.biz/x" rel="nofollow">click here</a> now')
    assert "xurlx xotherlink" in text and "click here" in text
    shown = model_text('<a href="https://youtu.be/abc">https://youtu.be/abc</a>')
    assert shown.count("xurlx") == 1  # a link whose text is its address counts once


def _cues_found(text: str) -> set[str]:
    row = _dense_row(text, DEFAULT_CUES)[N_SHAPE_FEATURES:]
    return {cue for cue, v in zip(DEFAULT_CUES, row, strict=True) if v}


def test_cues_match_whole_words_only():
    assert "earn" not in _cues_found("I learn a lot from this paper")
    assert "subscribe" not in _cues_found("14,000,000 subscribers already")
    assert {"earn", "subscribe"} <= _cues_found("Earn money fast, subscribe now")


def _asks_for_engagement(text: str) -> bool:
    return bool(_dense_row(text, DEFAULT_CUES)[N_SHAPE_FEATURES - 1])


@pytest.mark.parametrize(
    "text",
    [
        "Like this comment if you are reading in 2026",
        "thumbs up if you agree!!",
        "sub to me plz",
        "follow me for more",
        "give it a like",
        "Subscribe to my channel",
    ],
)
def test_engagement_requests_are_flagged(text):
    assert _asks_for_engagement(text)


@pytest.mark.parametrize(
    "text",
    [
        "I share my neighbour's worry about the budget.",
        "I will vote for whichever candidate fixes the buses.",
        "I'd like if the council published the map first.",
        "I like my street the way it is.",
        "Follow the money: who gets the contract?",
    ],
)
def test_ordinary_uses_of_like_share_vote_are_not_engagement_requests(text):
    assert not _asks_for_engagement(text)


def test_model_text_accepts_raw_corpus_markup():
    assert model_text("I&#39;m <b>here</b>\ufeff") == "i'm here"


def test_dense_row_flags_self_promotion_and_shouting():
    promo = _dense_row("CHECK OUT MY NEW CHANNEL!!! http://x.example.com", DEFAULT_CUES)
    plain = _dense_row("I think the council got this one wrong.", DEFAULT_CUES)
    assert len(promo) == N_SHAPE_FEATURES + len(DEFAULT_CUES)
    assert all(0.0 <= v <= 1.0 for v in promo + plain)
    names = [
        "has_url",
        "urls",
        "self_links",
        "other_links",
        "len",
        "words",
        "upper",
        "digits",
        "non_ascii",
        "excl",
        "shout_runs",
        "www",
        "dotcom",
        "http",
        "at",
        "currency",
        "newlines",
        "first_person",
        "my_promo",
        "imperative",
        "engagement",
    ]
    p, q = dict(zip(names, promo, strict=False)), dict(zip(names, plain, strict=False))
    for key in ("has_url", "other_links", "my_promo", "imperative", "shout_runs"):
        assert p[key] > 0 and q[key] == 0, key
    assert p["upper"] > 0.5 > q["upper"]  # the lower-case link counts too


def test_an_artifact_built_for_other_features_is_refused():
    blob = load_default_model().to_bytes()
    with np.load(io.BytesIO(blob), allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    header = json.loads(arrays["header"].tobytes().decode())
    header["feature_version"] = 1
    arrays["header"] = np.frombuffer(json.dumps(header).encode(), dtype=np.uint8)
    buf = io.BytesIO()
    np.savez_compressed(buf, **arrays)
    with pytest.raises(ValueError, match="rebuild it with spam_train"):
        TextModel.from_bytes(buf.getvalue())


def test_fitting_several_c_gives_the_average_model():
    texts = [
        "check out my channel http://a.example.com",
        "subscribe to my channel please",
        "great song, love it",
        "the chorus is amazing",
    ]
    labels = [1, 1, 0, 0]
    one = [fit(texts, labels, version="t", c=c).decision(texts) for c in (1.0, 10.0)]
    both = fit(texts, labels, version="t", c=(1.0, 10.0)).decision(texts)
    np.testing.assert_allclose(both, np.mean(one, axis=0), rtol=1e-5)
