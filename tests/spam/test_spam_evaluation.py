"""Metrics checked by hand on a tiny example."""

import math

import pytest

from commentapp.spam.evaluation import compute_metrics


def test_metrics_on_a_hand_checked_example():
    # truth:     1 1 1 1 0 0 0 0 0 0
    # predicted: 1 1 1 0 1 0 0 0 0 0  -> tp=3 fn=1 fp=1 tn=5
    m = compute_metrics([1, 1, 1, 1, 0, 0, 0, 0, 0, 0], [1, 1, 1, 0, 1, 0, 0, 0, 0, 0])
    assert (m.tp, m.fn, m.fp, m.tn) == (3, 1, 1, 5)
    assert m.accuracy == pytest.approx(0.8)
    assert m.precision == pytest.approx(0.75)
    assert m.recall == pytest.approx(0.75)
    assert m.f1 == pytest.approx(0.75)
    assert m.fpr == pytest.approx(1 / 6)
    assert m.mcc == pytest.approx((3 * 5 - 1 * 1) / math.sqrt(4 * 4 * 6 * 6))


def test_degenerate_cases_do_not_divide_by_zero():
    m = compute_metrics([0, 0], [0, 0])
    assert (m.precision, m.recall, m.f1, m.mcc, m.fpr) == (0, 0, 0, 0, 0)
    with pytest.raises(ValueError):
        compute_metrics([1], [1, 0])
