"""The references a model is judged against: the best constant (the dummy) and, for a series, the naive forecasts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.data.baseline.evaluate import with_interval
from advisor.data.baseline.scoring import Metric
from advisor.data.baseline.timeseries import seasonal_naive
from advisor.data.models import ModelResult
from advisor.data.profile import rounded

if TYPE_CHECKING:
    import numpy as np

REFERENCES = ("dummy", "seasonal_naive", "last_value")


def forecast_references(
    *, y_ordered: dict[str, np.ndarray], season: int, measures: list[Metric], primary: Metric, weights: np.ndarray
) -> list[ModelResult]:
    """Seasonal-naive and last-value forecasts: validation from the training history, test from train + validation."""
    import numpy as np

    train, validation, test = y_ordered["train"], y_ordered["validation"], y_ordered["test"]
    history = np.r_[train, validation]
    found = []
    for name, lag, description in (
        ("seasonal_naive", season, f"repeats the value one season ({season} rows) earlier"),
        ("last_value", 1, "repeats the last value seen before the forecast period"),
    ):
        if name == "seasonal_naive" and season <= 1:
            continue
        on_validation = _flat(train, len(validation)) if lag == 1 else seasonal_naive(train, len(validation), lag)
        on_test = _flat(history, len(test)) if lag == 1 else seasonal_naive(history, len(test), lag)
        found.append(
            ModelResult(
                name=name,
                description=description,
                params={"season": lag},
                validation_score=rounded(primary.function(validation, on_validation, np.ones(len(validation)))),
                test={measure.id: with_interval(measure, test, on_test, weights) for measure in measures},
            )
        )
    return found


def _flat(history: np.ndarray, horizon: int) -> np.ndarray:
    import numpy as np

    return np.full(horizon, float(history[-1]))


def reference_for_verdict(results: list[ModelResult], primary: Metric) -> ModelResult:
    """The strongest reference on the test split's primary metric: the one a model must clearly beat."""
    references = [result for result in results if result.name in REFERENCES]
    scored = [
        result for result in references if result.test.get(primary.id) and result.test[primary.id].value is not None
    ]
    if not scored:
        return references[0]
    sign = 1.0 if primary.greater_is_better else -1.0
    return max(scored, key=lambda result: sign * (result.test[primary.id].value or 0.0))
