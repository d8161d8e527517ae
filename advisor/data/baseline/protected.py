"""What the choice about protected columns costs in the metric (the choice itself: advisor.data.protected).

Either way one extra fit of the strong model with the other choice measures the difference on the test split, so the
summary can say what dropping them costs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from advisor.brief.enums import TaskType
from advisor.data.baseline.candidates import candidates
from advisor.data.baseline.evaluate import predict_scores
from advisor.data.baseline.features import FeatureKinds
from advisor.data.baseline.scoring import THRESHOLD_METRICS, Metric, at_threshold
from advisor.data.models import ProtectedEffect
from advisor.data.profile import rounded

if TYPE_CHECKING:
    import pandas as pd

    from advisor.data.baseline.prepare import Prepared
    from advisor.data.baseline.split import Split

STRONG = "hist_gradient_boosting"


def protected_effect(
    prepared: Prepared,
    split: Split,
    *,
    fitted: dict[str, tuple[Any, Any, dict[str, Any], float | None]],
    task: TaskType,
    classes: int,
    measure: Metric,
    seed: int,
) -> ProtectedEffect | None:
    """The strong model's test score with and without the protected columns (one extra fit, the other choice)."""
    import numpy as np

    columns = list(prepared.protected.columns)
    if not columns or STRONG not in fitted:
        return None
    # Both fits are read at the chosen model's validation-tuned threshold, so label metrics compare like with like.
    model, _, params, threshold = fitted[STRONG]
    x, y = prepared.x, prepared.y
    if prepared.drop_protected:
        other_x, other_kinds = _with(x, prepared.kinds, prepared.protected)
    else:
        other_x, other_kinds = _without(x, prepared.kinds, columns)
    if not other_kinds.all:
        return None
    strong = next(candidate for candidate in candidates(task, other_kinds, seed) if candidate.name == STRONG)
    train, test = split.train, split.test
    other = strong.build(params).fit(other_x.iloc[train].reset_index(drop=True), y[train])
    ones = np.ones(len(test))

    def test_score(fitted_model: Any, features: pd.DataFrame) -> float:
        scores = predict_scores(fitted_model, features.iloc[test].reset_index(drop=True), task, classes)
        if threshold is not None and measure.id in THRESHOLD_METRICS:
            scores = at_threshold(scores, threshold)
        return float(measure.function(y[test], scores, ones))

    chosen, alternative = test_score(model, x), test_score(other, other_x)
    with_them, without_them = (alternative, chosen) if prepared.drop_protected else (chosen, alternative)
    return ProtectedEffect(
        columns=columns,
        dropped=prepared.drop_protected,
        why=prepared.protected_why,
        metric=measure.id,
        model=STRONG,
        with_protected=rounded(with_them),
        without_protected=rounded(without_them),
    )


def _with(x: pd.DataFrame, kinds: FeatureKinds, protected: pd.DataFrame) -> tuple[pd.DataFrame, FeatureKinds]:
    import pandas as pd

    added = protected.reset_index(drop=True)
    numeric = [
        name
        for name in added.columns
        if pd.api.types.is_numeric_dtype(added[name].dtype) and not pd.api.types.is_bool_dtype(added[name].dtype)
    ]
    categorical = [name for name in added.columns if name not in numeric]
    frame = pd.concat([x.reset_index(drop=True), added], axis=1)
    extended = FeatureKinds(
        numeric=kinds.numeric + numeric,
        categorical=kinds.categorical + categorical,
        datetime=kinds.datetime,
        text=kinds.text,
    )
    return frame[extended.all], extended


def _without(x: pd.DataFrame, kinds: FeatureKinds, columns: list[str]) -> tuple[pd.DataFrame, FeatureKinds]:
    gone = set(columns)
    reduced = FeatureKinds(
        numeric=[name for name in kinds.numeric if name not in gone],
        categorical=[name for name in kinds.categorical if name not in gone],
        datetime=[name for name in kinds.datetime if name not in gone],
        text=[name for name in kinds.text if name not in gone],
    )
    return x[reduced.all], reduced
