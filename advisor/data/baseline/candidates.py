"""The three baselines: the dummy, the simplest sensible model, and a strong default; each with a small grid."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from sklearn.ensemble import HistGradientBoostingClassifier

from advisor.brief.enums import TaskType
from advisor.data.baseline.features import DATE_PARTS, TEXT_FEATURES, FeatureKinds, preprocessor

Params = dict[str, Any]
VALIDATION_FRACTION = 0.1
# Boosting grows one tree per class at each step, over every feature: past this many training rows x features x
# trees per step, the boosted family tries one setting and the 100 most frequent text terms. On a tweets export
# (19 classes, 300 text terms, 12,000 training rows) the full search took 100 s of a 2-minute report.
BOOSTING_BUDGET = 20_000_000
BUDGET_TEXT_FEATURES = 100


class BoostingClassifier(HistGradientBoostingClassifier):  # type: ignore[misc]
    """Gradient boosting that skips early stopping when its stratified hold-out cannot be drawn (a class with a
    single row, or more classes than hold-out rows), instead of failing."""

    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> BoostingClassifier:
        import numpy as np

        _, counts = np.unique(y, return_counts=True)
        if self.early_stopping is True and (counts.min() < 2 or len(y) * VALIDATION_FRACTION < len(counts)):
            self.set_params(early_stopping=False)
        super().fit(X, y, sample_weight=sample_weight)
        return self


@dataclass(frozen=True)
class Candidate:
    """A model family: the preprocessing (the same for every setting of its grid) and the model for a setting.

    Both are module-level functions bound with `functools.partial`, so a candidate pickles into a worker process."""

    name: str
    description: str
    grid: list[Params]
    model: Callable[[Params], Any]
    features: Callable[[], Any] | None = None
    trimmed: str | None = None  # how the family was cut down to the fitting budget, for the report

    def build(self, params: Params) -> Any:
        """The whole unfitted pipeline (preprocessing + model), as it is saved and served."""
        from sklearn.pipeline import Pipeline

        steps = [] if self.features is None else [("features", self.features())]
        return Pipeline([*steps, ("model", self.model(params))])


def _dummy(classification: bool, params: Params) -> Any:
    from sklearn.dummy import DummyClassifier, DummyRegressor

    return DummyClassifier(**params) if classification else DummyRegressor(**params)


def _linear(classification: bool, seed: int, params: Params) -> Any:
    from sklearn.linear_model import LogisticRegression, Ridge

    if classification:
        return LogisticRegression(C=params["C"], max_iter=300, class_weight=params.get("class_weight"))
    return Ridge(alpha=params["alpha"], random_state=seed)


def _boosted(classification: bool, seed: int, categories: list[int] | None, params: Params) -> Any:
    from sklearn.ensemble import HistGradientBoostingRegressor

    options: Params = {
        "learning_rate": params["learning_rate"],
        "max_leaf_nodes": params["max_leaf_nodes"],
        "max_iter": 100,
        "early_stopping": True,
        "n_iter_no_change": 10,
        "validation_fraction": VALIDATION_FRACTION,
        "categorical_features": categories,
        "random_state": seed,
    }
    if classification:
        options["class_weight"] = params.get("class_weight")
    return BoostingClassifier(**options) if classification else HistGradientBoostingRegressor(**options)


def candidates(
    task: TaskType,
    kinds: FeatureKinds,
    seed: int,
    *,
    dummy_params: Params | None = None,
    dummy_description: str | None = None,
    imbalanced: bool = False,
    rows: int = 0,
    classes: int = 0,
) -> list[Candidate]:
    """Preprocessing + model for the task; every one is fitted on the training split only.

    `dummy_params` holds the DummyClassifier/DummyRegressor parameters of the best constant for the primary metric. With
    `imbalanced`, the grids also try balanced class weights, so a rare class is not simply ignored. Over the boosting
    budget (`rows` training rows, `classes` classes), the boosted family is trimmed and says so."""
    classification = task != TaskType.regression
    categories = list(range(len(kinds.categorical))) or None
    linear_name = "logistic_regression" if classification else "ridge"
    linear_grid: list[Params] = (
        [{"C": value} for value in (0.1, 1.0)] if classification else [{"alpha": a} for a in (1.0, 10.0)]
    )
    boosted_grid: list[Params] = [
        {"learning_rate": 0.1, "max_leaf_nodes": 31},
        {"learning_rate": 0.05, "max_leaf_nodes": 15},
    ]
    if classification and imbalanced:
        linear_grid.append({"C": 1.0, "class_weight": "balanced"})
        boosted_grid.append({"learning_rate": 0.1, "max_leaf_nodes": 31, "class_weight": "balanced"})
    trees = partial(preprocessor, kinds, for_trees=True)
    trimmed = None
    if boosting_work(kinds, rows, classes) > BOOSTING_BUDGET:
        boosted_grid = boosted_grid[-1:]  # the balanced weights where the classes are imbalanced, else the default
        trees = partial(preprocessor, kinds, for_trees=True, text_features=BUDGET_TEXT_FEATURES)
        terms = f" and the {BUDGET_TEXT_FEATURES} most frequent text terms" if kinds.text else ""
        trimmed = (
            f"Gradient boosting tried one setting{terms}: {rows:,} training rows x {feature_width(kinds)} features x "
            f"{trees_per_step(classes)} trees per step exceed the fitting budget of {BOOSTING_BUDGET:,}"
        )
    default_dummy: Params = {"strategy": "prior"} if classification else {"strategy": "mean"}
    return [
        Candidate(
            "dummy",
            dummy_description or ("predicts the class shares" if classification else "predicts the training mean"),
            [dummy_params or default_dummy],
            partial(_dummy, classification),
        ),
        Candidate(
            linear_name,
            ("logistic regression" if classification else "ridge regression")
            + " on scaled numbers and one-hot categories",
            linear_grid,
            partial(_linear, classification, seed),
            partial(preprocessor, kinds, for_trees=False),
        ),
        Candidate(
            "hist_gradient_boosting",
            "histogram gradient boosting with native categories and early stopping",
            boosted_grid,
            partial(_boosted, classification, seed, categories),
            trees,
            trimmed,
        ),
    ]


def feature_width(kinds: FeatureKinds) -> int:
    """The columns the trees see, at most: each date gives its parts, free text its vocabulary."""
    dates = len(DATE_PARTS) * len(kinds.datetime)
    return len(kinds.numeric) + len(kinds.categorical) + dates + (TEXT_FEATURES if kinds.text else 0)


def trees_per_step(classes: int) -> int:
    """One tree per class for three classes or more; one tree for two classes or a number."""
    return classes if classes > 2 else 1


def boosting_work(kinds: FeatureKinds, rows: int, classes: int) -> int:
    """Training rows x features x trees per boosting step."""
    return rows * feature_width(kinds) * trees_per_step(classes)
