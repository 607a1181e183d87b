"""The text the model sees, its shape features, and the nested choice of C."""

import io
import json

import numpy as np
import pytest

from commentapp.spam import TextModel, load_default_model
from commentapp.spam.features import DEFAULT_CUES, N_SHAPE_FEATURES, _dense_row, model_text
from commentapp.spam.training import choose_c


def test_links_become_kind_tokens_and_numbers_their_shape():
    text = model_text("Sooooo GOOD!!! 2015 http://youtu.be/9bZkp7q19f0 and www.cheap-pills.biz/x")
    assert "xurlx xselflink" in text
    assert "xurlx xotherlink" in text
    assert "9bzkp7q19f0" not in text and "cheap" not in text  # link strings are not learned
    assert "xnum4" in text and "2015" not in text
    assert text.startswith("soo good!!!")  # lower-cased, letter runs squashed


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


def test_choose_c_scores_only_the_files_it_is_given():
    spam = [
        "check out my channel http://a.example.com",
        "subscribe to my channel please",
        "visit my page for free money",
        "click here www.win.example.biz",
    ]
    ham = [
        "great song, love it",
        "this video is so old now",
        "the chorus is amazing",
        "who is watching in winter",
    ]
    files = [(spam[:2] + ham[:2], [1, 1, 0, 0]), (spam[2:] + ham[2:], [1, 1, 0, 0])]
    result = choose_c(files, ([], []), grid=(1.0, 10.0))
    assert result["C"] in (1.0, 10.0)
    assert set(result["auc"]) == {1.0, 10.0}
    assert choose_c(files[:1], ([], []))["auc"] == {}  # one file: nothing to cross-validate
