"""The near-duplicate measure: the pairs the issue named are near-identical, different advice is not."""

from __future__ import annotations

import pytest

from advisor.lint.near_duplicates import JACCARD_THRESHOLD, RATIO_THRESHOLD, near_identical, similarity


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Choose the decision threshold from the business costs", "Choose a decision threshold from business costs"),
        (
            "How was the data collected (who recorded it, when, and which filters)?",
            "How was the data collected (who recorded it and when, with which filters)?",
        ),
        ("Score probabilities with log loss", "Score the probabilities with log-loss"),
        ("Log loss", "log-loss"),
    ],
)
def test_rewordings_are_near_identical(first: str, second: str) -> None:
    assert near_identical(first, second)


@pytest.mark.parametrize(
    ("first", "second", "names"),
    [
        ("Precision@k", "Precision", True),
        ("Mean absolute scaled error (MASE)", "Mean absolute error (MAE)", True),
        ("Train on the past, test on the future", "Keep the class shares in every slice", False),
        ("Start with a linear model for classification", "Use gradient boosting for large tabular data", False),
    ],
)
def test_different_advice_is_not(first: str, second: str, names: bool) -> None:
    assert not near_identical(first, second, names=names)


def test_similarity_is_symmetric_and_bounded() -> None:
    jaccard, ratio = similarity("Monitor feature drift weekly", "Monitor the drift of features weekly")
    assert (jaccard, ratio) == similarity("Monitor the drift of features weekly", "Monitor feature drift weekly")
    assert 0 <= jaccard <= 1 and 0 <= ratio <= 1
    assert 0 < JACCARD_THRESHOLD < 1 and 0 < RATIO_THRESHOLD < 1
