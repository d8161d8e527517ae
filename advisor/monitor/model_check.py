"""With `--model`: how the saved pipeline's predictions moved, and with labels, how its quality moved.

The model is the scikit-learn pipeline `advisor baseline` and `advisor report --data` save as `model.joblib`. It
expects the feature columns it was fitted on (its `feature_names_in_`), typed as the profile types them, and predicts
class codes in the order the baseline encoded them: labels sorted as text, and for two classes the rarer one last
(the positive class). The reference figure of the metric comes from the baseline's own test split (the `data.json`
or `design.json` saved beside the model) when it is there: measured on the reference file instead, it would include
the rows the model was trained on and flatter it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from advisor.errors import DataError
from advisor.monitor import thresholds as limits
from advisor.monitor.models import MetricComparison, ModelCheck
from advisor.monitor.statistics import numeric_psi, psi_from_counts

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

REPORTS_BESIDE = ("data.json", "design.json")


def load_model(path: Path) -> Any:
    import joblib

    if not path.is_file():
        raise DataError("no such file" if not path.exists() else "not a file", file=path, place="--model")
    try:
        model = joblib.load(path)
    except Exception as error:  # unpickling raises many unrelated types for a wrong or damaged file
        raise DataError(
            f"not a model saved by 'advisor baseline' ({type(error).__name__})", file=path, place="--model"
        ) from None
    if not hasattr(model, "predict") or not hasattr(model, "feature_names_in_"):
        raise DataError(
            "not a fitted scikit-learn pipeline with named input columns",
            file=path,
            place="--model",
            hint="pass the model.joblib that 'advisor baseline --out DIR' wrote",
        )
    return model


def check_model(
    model: Any,
    model_path: Path,
    reference: pd.DataFrame,
    current: pd.DataFrame,
    *,
    current_path: Path,
    target: str | None,
    seed: int,
) -> ModelCheck:
    import numpy as np

    features = [str(name) for name in model.feature_names_in_]
    absent = [name for name in features if name not in current.columns]
    if absent:
        raise DataError(
            f"the model expects column(s) {', '.join(repr(n) for n in absent[:8])} that the data does not hold",
            file=current_path,
            hint=f"the model ({model_path.name}) was fitted on: {', '.join(features[:12])}",
        )
    classes = len(getattr(model, "classes_", [])) if hasattr(model, "predict_proba") else 0
    task = "regression" if classes == 0 else ("binary_classification" if classes == 2 else "multiclass_classification")
    reference_scores = _predict(model, reference[features], model_path, classes)
    current_scores = _predict(model, current[features], model_path, classes)
    prediction_psi, ref_text, cur_text = _prediction_drift(reference_scores, current_scores, classes)
    labelled = target is not None and target in current.columns and current[target].notna().any()
    check = ModelCheck(
        model=model_path.name,
        task=task,
        features=features,
        prediction_psi=round(prediction_psi, 6),
        prediction_reference=ref_text,
        prediction_current=cur_text,
        labels=bool(labelled),
    )
    if labelled and target is not None:
        check.comparison = _compare(
            model_path, reference, current, reference_scores, current_scores, target=target, task=task, seed=seed
        )
    check.conclusions = _conclusions(check)
    del np
    return check


def _predict(model: Any, frame: pd.DataFrame, path: Path, classes: int) -> np.ndarray:
    import numpy as np

    try:
        if classes == 0:
            return np.asarray(model.predict(frame), dtype="float64")
        return np.asarray(model.predict_proba(frame), dtype="float64")
    except Exception as error:  # a column of the wrong type or categories the encoder refuses
        first = str(error).strip().splitlines()[0][:160] if str(error).strip() else type(error).__name__
        raise DataError(f"the model cannot score these columns ({first})", file=path, place="--model") from None


def _prediction_drift(reference: np.ndarray, current: np.ndarray, classes: int) -> tuple[float, str, str]:
    import numpy as np

    if classes == 0:
        return numeric_psi(reference, current), _mean(reference), _mean(current)
    if classes == 2:
        psi = numeric_psi(reference[:, 1], current[:, 1])
        return (
            psi,
            f"mean positive score {reference[:, 1].mean():.3f}",
            f"mean positive score {current[:, 1].mean():.3f}",
        )
    r = np.bincount(reference.argmax(axis=1), minlength=classes).astype("float64")
    c = np.bincount(current.argmax(axis=1), minlength=classes).astype("float64")
    return psi_from_counts(r, c), "predicted class shares " + _shares(r), "predicted class shares " + _shares(c)


def _mean(values: np.ndarray) -> str:
    return f"mean prediction {float(values.mean()):,.4g}"


def _shares(counts: np.ndarray) -> str:
    return ", ".join(f"{value / counts.sum():.0%}" for value in counts)


def _compare(
    model_path: Path,
    reference: pd.DataFrame,
    current: pd.DataFrame,
    reference_scores: np.ndarray,
    current_scores: np.ndarray,
    *,
    target: str,
    task: str,
    seed: int,
) -> MetricComparison:
    import numpy as np

    from advisor.brief.enums import TaskType
    from advisor.data.baseline.evaluate import bootstrap_weights, with_interval
    from advisor.data.baseline.scoring import DEFAULT_PRIMARY, metric

    saved = _saved_baseline(model_path, target)
    metric_id = str(saved["primary_metric"]) if saved else DEFAULT_PRIMARY[TaskType(task)]
    measure = metric(metric_id)
    codes = _label_codes(reference[target], task)
    y_current, kept_current = _encode(current[target], codes, task)
    current_score = _score_shape(current_scores[kept_current], task)
    current_value = with_interval(measure, y_current, current_score, bootstrap_weights(len(y_current), seed))
    if saved:
        best = next(model for model in saved["models"] if model["name"] == saved["best_model"])
        reference_value = best["test"][metric_id]
        low, high, value = reference_value["low"], reference_value["high"], reference_value["value"]
        origin = "the baseline's test split (saved beside the model)"
    else:
        y_reference, kept_reference = _encode(reference[target], codes, task)
        reference_score = _score_shape(reference_scores[kept_reference], task)
        interval = with_interval(measure, y_reference, reference_score, bootstrap_weights(len(y_reference), seed + 1))
        value, low, high = interval.value, interval.low, interval.high
        origin = "the reference file (it may hold the training rows: an optimistic figure)"
    change = degraded = None
    if value is not None and current_value.value is not None and value != 0:
        signed = (current_value.value - value) / abs(value)
        change = round(signed if measure.greater_is_better else -signed, 6)
        worse_beyond = (
            current_value.high is not None and low is not None and current_value.high < low
            if measure.greater_is_better
            else current_value.low is not None and high is not None and current_value.low > high
        )
        degraded = bool(worse_beyond and change <= -limits.METRIC_TOLERANCE)
    del np
    return MetricComparison(
        metric=metric_id,
        greater_is_better=measure.greater_is_better,
        reference=value,
        reference_low=low,
        reference_high=high,
        reference_from=origin,
        current=current_value.value,
        current_low=current_value.low,
        current_high=current_value.high,
        change=change,
        degraded=bool(degraded),
    )


def _saved_baseline(model_path: Path, target: str) -> dict[str, Any] | None:
    for name in REPORTS_BESIDE:
        beside = model_path.parent / name
        if not beside.is_file():
            continue
        try:
            baseline = json.loads(beside.read_text(encoding="utf-8")).get("baseline")
        except (OSError, ValueError):
            continue
        if isinstance(baseline, dict) and baseline.get("target") == target and baseline.get("models"):
            return baseline
    return None


def _label_codes(reference_target: pd.Series, task: str) -> dict[str, int]:
    """The baseline's encoding: labels sorted as text; with two, the rarer one last (the positive class)."""
    if task == "regression":
        return {}
    values = reference_target.dropna().astype(str)
    labels = sorted(values.unique())
    if task == "binary_classification" and len(labels) == 2:
        counts = values.value_counts()
        positive = min(labels, key=lambda label: (int(counts[label]), label != labels[-1]))
        labels = [label for label in labels if label != positive] + [positive]
    return {label: code for code, label in enumerate(labels)}


def _encode(target: pd.Series, codes: dict[str, int], task: str) -> tuple[np.ndarray, np.ndarray]:

    present = target.notna().to_numpy()
    if task == "regression":
        return target[present].astype("float64").to_numpy(), present
    text = target.astype(str)
    known = present & text.isin(list(codes)).to_numpy()
    return text[known].map(codes).to_numpy().astype(int), known


def _score_shape(scores: np.ndarray, task: str) -> np.ndarray:
    return scores[:, 1] if task == "binary_classification" else scores


def _conclusions(check: ModelCheck) -> list[str]:
    moved = check.prediction_psi >= limits.PSI_MODERATE
    said = [
        f"The predictions {'moved' if moved else 'did not move'} (PSI {check.prediction_psi:.3f}; "
        f"{check.prediction_reference} → {check.prediction_current})."
    ]
    comparison = check.comparison
    if comparison is None:
        said.append(
            "Without labels in the current data, quality cannot be measured: drift in the inputs or the predictions "
            "says the model is working outside what it learned, not that it is wrong. A shift in the share of "
            "outcomes (label shift) stays invisible until labels arrive. Label a sample of the current rows to know."
        )
    elif comparison.degraded:
        said.append(
            f"Quality fell: {comparison.metric} {_g(comparison.reference)} → {_g(comparison.current)} "
            f"({comparison.change:+.1%}), beyond both 95 % intervals."
        )
    else:
        said.append(
            f"Quality held: {comparison.metric} {_g(comparison.reference)} → {_g(comparison.current)}, "
            "within the tolerance or the intervals."
        )
    return said


def _g(value: float | None) -> str:
    return "undefined" if value is None else f"{value:.4g}"
