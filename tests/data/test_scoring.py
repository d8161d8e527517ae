"""The weighted numpy metrics equal scikit-learn's, and weights act as repeated rows (what the bootstrap relies on)."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn import metrics as sk

from advisor.data.baseline import scoring

RNG = np.random.default_rng(7)
Y_BINARY = RNG.integers(0, 2, 400)
P_BINARY = np.clip(0.3 * Y_BINARY + RNG.random(400) * 0.7, 0, 1).round(2)  # rounded: many ties
Y_MULTI = RNG.integers(0, 3, 300)
P_MULTI = RNG.dirichlet([1, 1, 1], 300) + np.eye(3)[Y_MULTI] * 0.3
P_MULTI /= P_MULTI.sum(axis=1, keepdims=True)
Y_REAL = RNG.normal(10, 3, 300)
P_REAL = Y_REAL + RNG.normal(0, 1, 300)


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        (scoring.roc_auc, sk.roc_auc_score),
        (scoring.average_precision, sk.average_precision_score),
        (scoring.log_loss, sk.log_loss),
        (scoring.brier, sk.brier_score_loss),
        (scoring.f1, lambda y, p: sk.f1_score(y, p >= 0.5)),
        (scoring.accuracy, lambda y, p: sk.accuracy_score(y, p >= 0.5)),
        (scoring.balanced_accuracy, lambda y, p: sk.balanced_accuracy_score(y, p >= 0.5)),
        (scoring.precision, lambda y, p: sk.precision_score(y, p >= 0.5)),
        (scoring.recall, lambda y, p: sk.recall_score(y, p >= 0.5)),
        (scoring.matthews, lambda y, p: sk.matthews_corrcoef(y, p >= 0.5)),
    ],
)
def test_binary_metrics_match_scikit_learn(ours: scoring.MetricFunction, theirs: object) -> None:
    expected = theirs(Y_BINARY, P_BINARY)  # type: ignore[operator]
    assert ours(Y_BINARY, P_BINARY, np.ones(400)) == pytest.approx(expected, abs=1e-9)


def test_multiclass_metrics_match_scikit_learn() -> None:
    ones = np.ones(300)
    labels = P_MULTI.argmax(axis=1)
    assert scoring.accuracy(Y_MULTI, P_MULTI, ones) == pytest.approx(sk.accuracy_score(Y_MULTI, labels))
    assert scoring.f1(Y_MULTI, P_MULTI, ones) == pytest.approx(sk.f1_score(Y_MULTI, labels, average="macro"))
    assert scoring.log_loss(Y_MULTI, P_MULTI, ones) == pytest.approx(sk.log_loss(Y_MULTI, P_MULTI))
    assert scoring.roc_auc(Y_MULTI, P_MULTI, ones) == pytest.approx(
        sk.roc_auc_score(Y_MULTI, P_MULTI, multi_class="ovr", average="macro")
    )


def test_regression_metrics_match_scikit_learn() -> None:
    ones = np.ones(300)
    assert scoring.rmse(Y_REAL, P_REAL, ones) == pytest.approx(sk.root_mean_squared_error(Y_REAL, P_REAL))
    assert scoring.mae(Y_REAL, P_REAL, ones) == pytest.approx(sk.mean_absolute_error(Y_REAL, P_REAL))
    assert scoring.r2(Y_REAL, P_REAL, ones) == pytest.approx(sk.r2_score(Y_REAL, P_REAL))
    assert scoring.mape(Y_REAL, P_REAL, ones) == pytest.approx(sk.mean_absolute_percentage_error(Y_REAL, P_REAL))


def test_weights_are_repeated_rows() -> None:
    weights = RNG.integers(0, 4, 400).astype(float)
    repeated = np.repeat(np.arange(400), weights.astype(int))
    for function in (scoring.roc_auc, scoring.average_precision, scoring.log_loss, scoring.f1):
        weighted = function(Y_BINARY, P_BINARY, weights)
        expanded = function(Y_BINARY[repeated], P_BINARY[repeated], np.ones(len(repeated)))
        assert weighted == pytest.approx(expanded, abs=1e-9)
