"""Leakage suspects: a column that alone predicts the target almost perfectly, an identifier, a target look-alike."""

from __future__ import annotations

import difflib
import warnings
from typing import TYPE_CHECKING

from advisor.data.columns import IDENTIFIER
from advisor.data.models import LeakageSuspect
from advisor.data.protected import name_tokens
from advisor.data.vectorised import correlation_with
from advisor.enums import TaskType

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

LEAK_ROWS = 2_000
MAX_SCORED_COLUMNS = 60
CLASSIFICATION_LEAK = 0.98  # balanced accuracy of one feature on held-out rows
REGRESSION_LEAK = 0.98  # R^2 of one feature on held-out rows
NAME_SIMILARITY = 0.8


def leakage_suspects(
    frame: pd.DataFrame, kinds: dict[str, str], target: str, task: TaskType, seed: int
) -> list[LeakageSuspect]:
    suspects: dict[str, LeakageSuspect] = {}
    for name in frame.columns:
        if name == target:
            continue
        if _named_like(name, target):
            suspects[name] = LeakageSuspect(column=name, reason=f"named like the target '{target}'")
        elif kinds[name] == IDENTIFIER:
            suspects[name] = LeakageSuspect(column=name, reason="identifier: unique per row or named like an id")
    for name, score in _single_feature_scores(frame, kinds, target, task, seed).items():
        limit = REGRESSION_LEAK if task == TaskType.regression else CLASSIFICATION_LEAK
        if score >= limit:
            measure = "R^2" if task == TaskType.regression else "balanced accuracy"
            reason = f"alone predicts the target almost perfectly ({measure} {score:.3f} on held-out rows)"
            suspects[name] = LeakageSuspect(column=name, reason=reason, score=round(score, 6))
    return [suspects[name] for name in frame.columns if name in suspects]


def _named_like(name: str, target: str) -> bool:
    tokens, target_tokens = set(name_tokens(name)), set(name_tokens(target))
    if target_tokens and target_tokens <= tokens:
        return True
    return difflib.SequenceMatcher(None, name.lower(), target.lower()).ratio() >= NAME_SIMILARITY


def _single_feature_scores(
    frame: pd.DataFrame, kinds: dict[str, str], target: str, task: TaskType, seed: int
) -> dict[str, float]:
    """Each feature alone, in a shallow tree fitted on half of a sample and scored on the other half."""
    labelled = frame.index[frame[target].notna()]
    if len(labelled) > LEAK_ROWS:
        labelled = labelled.to_series().sample(n=LEAK_ROWS, random_state=seed).index
    rows = frame.loc[labelled]
    if len(rows) < 20:
        return {}
    half = len(rows) // 2
    regression = task == TaskType.regression
    y = rows[target].astype("float64").to_numpy() if regression else rows[target].astype(str).to_numpy()
    candidates = [
        name for name in rows.columns if name != target and kinds[name] in {"numeric", "boolean", "categorical"}
    ]
    candidates = _strongest(rows, candidates, y, MAX_SCORED_COLUMNS)
    scores: dict[str, float] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a class absent from one half is expected on tiny data; the score stands
        for name in candidates:
            score = _score_one(rows[name], kinds[name], y, half=half, regression=regression, seed=seed)
            if score is not None:
                scores[name] = score
    return scores


def _strongest(rows: pd.DataFrame, candidates: list[str], y: np.ndarray, limit: int) -> list[str]:
    """In a wide table, only the numeric columns most correlated with the target (and the categories) get a tree."""
    import numpy as np
    import pandas as pd

    if len(candidates) <= limit:
        return candidates
    numeric = [name for name in candidates if pd.api.types.is_numeric_dtype(rows[name].dtype)]
    numeric_set = set(numeric)
    others = [name for name in candidates if name not in numeric_set]
    codes = y.astype("float64") if y.dtype.kind == "f" else pd.factorize(y)[0].astype("float64")
    strength = correlation_with(rows[numeric].to_numpy(dtype="float64"), codes)
    ranked = [numeric[index] for index in np.argsort(-strength, kind="stable")]
    chosen = set(others[: limit // 2] + ranked[: limit - min(len(others), limit // 2)])
    return [name for name in candidates if name in chosen]


def _score_one(column: pd.Series, kind: str, y: np.ndarray, *, half: int, regression: bool, seed: int) -> float | None:
    import numpy as np
    import pandas as pd
    from sklearn.metrics import balanced_accuracy_score, r2_score
    from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

    if kind == "categorical" or not pd.api.types.is_numeric_dtype(column.dtype):
        values = pd.Series(pd.factorize(column.astype(str))[0], index=column.index).astype("float64")
    else:
        values = column.astype("float64").fillna(-1e12)
    x = values.to_numpy().reshape(-1, 1)
    if np.unique(x[:half]).size < 2:
        return None
    if regression:
        model = DecisionTreeRegressor(max_depth=6, min_samples_leaf=5, random_state=seed).fit(x[:half], y[:half])
        return float(r2_score(y[half:], model.predict(x[half:])))
    tree = DecisionTreeClassifier(max_depth=6, min_samples_leaf=5, class_weight="balanced", random_state=seed)
    tree.fit(x[:half], y[:half])
    return float(balanced_accuracy_score(y[half:], tree.predict(x[half:])))
