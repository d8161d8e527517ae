"""Do validation and test look like train? The target and the features compared across the splits.

A model chosen on a validation split unlike the test split can lose on test for reasons no metric on one split shows.
The target's standardised mean difference (SMD: the difference of means in training standard deviations, for a binary
target the difference of positive shares over sqrt(p(1-p))) and a per-feature drift ranking (|SMD| for numbers, the
total variation distance between category shares for categories) say how far each split moved. 0.2 is the warning
level (Cohen's "small" effect), raised to three standard errors of a random split where the splits are small: with 80
validation rows beside 240 training rows, chance alone moves a mean by 0.2 standard deviations one time in eight, so
Carseats' 400 stores warned of three "shifted" features on a plain random split.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from advisor.brief.enums import TaskType
from advisor.data.models import FeatureShift, ModelResult, SplitShift
from advisor.data.tables import number

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from advisor.data.baseline.features import FeatureKinds

WARN = 0.2
CHANCE = 3.0  # standard errors of the difference between two random samples of the same rows
REPORTED_FEATURES = 5
PARTS = ("validation", "test")
FITTED_EXCLUDED = frozenset({"dummy", "seasonal_naive", "last_value"})


def split_shift(
    *,
    x: dict[str, pd.DataFrame],
    y: dict[str, np.ndarray],
    task: TaskType,
    kinds: FeatureKinds,
    models: list[ModelResult],
    primary: str,
    greater_is_better: bool,
) -> SplitShift:
    import numpy as np

    sizes = {name: len(values) for name, values in y.items()}
    if task == TaskType.multiclass_classification:
        majority = int(np.bincount(y["train"]).argmax())
        means = {name: float(np.mean(values == majority)) for name, values in y.items()}
        target = {part: _tvd_codes(y["train"], y[part]) for part in PARTS}
        shares = np.bincount(y["train"]) / max(sizes["train"], 1)
        target_level = {part: _tvd_level(shares, sizes["train"], sizes[part]) for part in PARTS}
        what = "share of the training majority class (the difference is the class shares' total variation distance)"
    else:
        means = {name: float(np.mean(values)) for name, values in y.items()}
        spread = float(np.std(y["train"])) or 1.0
        target = {part: (means[part] - means["train"]) / spread for part in PARTS}
        target_level = {part: _smd_level(sizes["train"], sizes[part]) for part in PARTS}
        what = "positive share" if task == TaskType.binary_classification else "mean"
    measured = [
        _feature_shift(name, x, categorical=name in kinds.categorical) for name in kinds.numeric + kinds.categorical
    ]
    ranked = sorted(measured, key=lambda item: (-max(item[0].validation, item[0].test), item[0].feature))
    winners = _winners(models, primary, greater_is_better)
    warnings = []
    if any(abs(target[part]) > target_level[part] for part in PARTS):
        figures = ", ".join(f"{number(means[name])} on {name}" for name in ("train", "validation", "test"))
        differences = ", ".join(f"{number(target[part])} on {part}" for part in PARTS)
        warnings.append(
            f"The target differs between the splits: {what} {figures} (standardised difference from train: "
            f"{differences}; over {_level_text(target_level.values())} is the warning level). Scores on one split "
            "may not hold on the others."
        )
    shifted = [(item, levels) for item, levels in ranked if any(getattr(item, part) > levels[part] for part in PARTS)]
    if shifted:
        listed = ", ".join(f"`{item.feature}` ({number(item.validation)} / {number(item.test)})" for item, _ in shifted)
        level = _level_text(value for _, levels in shifted for value in levels.values())
        warnings.append(f"Features shifted from train to validation / test (over {level}): {listed}.")
    features = [item for item, _ in ranked[:REPORTED_FEATURES]]
    lost = _lost_on_test(models, winners, primary, greater_is_better)
    if lost:
        warnings.append(lost)
    return SplitShift(
        target_means={name: round(value, 6) for name, value in means.items()},
        target_smd={part: round(value, 6) for part, value in target.items()},
        features=features,
        winners=winners,
        warnings=warnings,
    )


def _feature_shift(
    name: str, x: dict[str, pd.DataFrame], *, categorical: bool
) -> tuple[FeatureShift, dict[str, float]]:
    """The feature's shift on each split, and the level beyond which it is more than a random split gives."""
    train = x["train"][name]
    present = {part: int(x[part][name].notna().sum()) for part in ("train", *PARTS)}
    if categorical:
        shares = train.astype(str).value_counts(normalize=True).to_numpy()
        values = {part: _categorical_tvd(train, x[part][name]) for part in PARTS}
        levels = {part: _tvd_level(shares, present["train"], present[part]) for part in PARTS}
    else:
        values = {part: _smd(train, x[part][name]) for part in PARTS}
        levels = {part: _smd_level(present["train"], present[part]) for part in PARTS}
    shift = FeatureShift(feature=name, validation=round(values["validation"], 6), test=round(values["test"], 6))
    return shift, levels


def _smd_level(train: int, other: int) -> float:
    """The warning level of a standardised mean difference between samples of these sizes."""
    import math

    if train < 2 or other < 2:
        return math.inf
    return max(WARN, CHANCE * math.sqrt(1 / train + 1 / other))


def _tvd_level(shares: Any, train: int, other: int) -> float:
    """The warning level of a total variation distance between category shares: each share's difference is about
    normal with standard error sqrt(p(1-p)(1/n1 + 1/n2)), and the distance is half the sum of their sizes."""
    import math

    if train < 2 or other < 2:
        return math.inf
    errors = sum(math.sqrt(float(p) * (1 - float(p))) for p in shares) * math.sqrt(1 / train + 1 / other)
    return max(WARN, CHANCE * 0.5 * errors)


def _level_text(levels: Any) -> str:
    highest = max(levels, default=WARN)
    if highest <= WARN:
        return f"{WARN}"
    return f"{WARN}, or {CHANCE:g} standard errors of a random split of these sizes (up to {number(highest)})"


def _smd(train: pd.Series, other: pd.Series) -> float:
    import numpy as np

    a, b = train.astype("float64").dropna(), other.astype("float64").dropna()
    if len(a) < 2 or len(b) < 2:
        return 0.0
    pooled = float(np.sqrt((a.var() + b.var()) / 2))
    return abs(float(b.mean() - a.mean())) / pooled if pooled > 0 else 0.0


def _categorical_tvd(train: pd.Series, other: pd.Series) -> float:
    left = train.astype(str).value_counts(normalize=True)
    right = other.astype(str).value_counts(normalize=True)
    joined = left.index.union(right.index)
    return float(0.5 * (left.reindex(joined, fill_value=0) - right.reindex(joined, fill_value=0)).abs().sum())


def _tvd_codes(train: np.ndarray, other: np.ndarray) -> float:
    import numpy as np

    size = int(max(train.max(initial=0), other.max(initial=0))) + 1
    left = np.bincount(train, minlength=size) / max(len(train), 1)
    right = np.bincount(other, minlength=size) / max(len(other), 1)
    return float(0.5 * np.abs(left - right).sum())


def _winners(models: list[ModelResult], primary: str, greater_is_better: bool) -> dict[str, str]:
    fitted = [model for model in models if model.name not in FITTED_EXCLUDED]
    sign = 1.0 if greater_is_better else -1.0
    found = {}
    for split in ("cross-validation", "validation", "test"):
        scored = [
            (sign * value, model.name) for model in fitted if (value := _score(model, split, primary)) is not None
        ]
        if scored:
            found[split] = max(scored)[1]
    return found


def _score(model: ModelResult, split: str, primary: str) -> float | None:
    if split == "cross-validation":
        return model.cv_mean
    if split == "validation":
        return model.validation_score
    return model.test[primary].value if primary in model.test else None


def _lost_on_test(models: list[ModelResult], winners: dict[str, str], primary: str, greater_is_better: bool) -> str:
    """A warning when the model chosen on validation scores outside the test winner's interval on test."""
    chosen, winner = winners.get("validation"), winners.get("test")
    if chosen is None or winner is None or chosen == winner:
        return ""
    by_name = {model.name: model for model in models}
    ours, best = by_name[chosen].test.get(primary), by_name[winner].test.get(primary)
    if ours is None or best is None or ours.value is None or best.low is None or best.high is None:
        return ""
    if (ours.value >= best.low) if greater_is_better else (ours.value <= best.high):
        return ""
    return (
        f"The model chosen on validation ({chosen}, test {primary} {number(ours.value)}) loses clearly on test to "
        f"{winner} ({number(best.value)} [{number(best.low)}, {number(best.high)}]): validation did not predict test."
    )
