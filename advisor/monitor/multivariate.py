"""The multivariate check: can a classifier tell reference rows from current rows? (a "domain classifier").

Per-feature tests miss a shift in how features move together; a classifier trained on both files sees it. Its
cross-validated ROC-AUC is 0.5 when the files are alike and approaches 1 when they are easy to tell apart; the
features it relies on (permutation importance on held-out rows) say where to look. Rabanser et al. (2019) found this
check among the most reliable for detecting dataset shift.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.monitor import thresholds as limits
from advisor.monitor.models import DomainCheck
from advisor.monitor.statistics import as_labels

if TYPE_CHECKING:
    import pandas as pd


def domain_check(
    reference: pd.DataFrame, current: pd.DataFrame, kinds: dict[str, str], *, seed: int, rows: int = limits.DOMAIN_ROWS
) -> DomainCheck | None:
    """ROC-AUC of histogram gradient boosting (5-fold, stratified) on at most `rows` rows per side."""
    import numpy as np
    import pandas as pd
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.inspection import permutation_importance
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import StratifiedKFold, cross_val_predict, train_test_split
    from threadpoolctl import threadpool_limits

    columns = list(kinds)
    per_side = min(rows, len(reference), len(current))
    if not columns or per_side < limits.MIN_ROWS_PER_SIDE:
        return None
    both = pd.concat(
        [
            reference[columns].sample(n=per_side, random_state=seed),
            current[columns].sample(n=per_side, random_state=seed),
        ],
        ignore_index=True,
    )
    for name in columns:
        if kinds[name] == "categorical":
            # Codes over both sides' categories; the most frequent 250 kept so the trees can split on them.
            text = as_labels(both[name]).reindex(both.index).astype("string")
            top = text.value_counts().index[:250]
            both[name] = pd.Categorical(text.where(text.isin(top)), categories=sorted(map(str, top)))
    side = np.repeat([0, 1], per_side)
    model = HistGradientBoostingClassifier(
        max_iter=limits.DOMAIN_TREES, learning_rate=0.1, categorical_features="from_dtype", random_state=seed
    )
    folds = StratifiedKFold(n_splits=limits.DOMAIN_FOLDS, shuffle=True, random_state=seed)
    with threadpool_limits(limits=1):
        scores = cross_val_predict(model, both, side, cv=folds, method="predict_proba")[:, 1]
        auc = float(roc_auc_score(side, scores))
        top_features: list[tuple[str, float]] = []
        if auc >= limits.DOMAIN_AUC:
            # Which features it relies on is only worth the extra fit when it found something.
            x_train, x_test, y_train, y_test = train_test_split(
                both, side, test_size=0.3, stratify=side, random_state=seed
            )
            fitted = model.fit(x_train, y_train)
            importance = permutation_importance(
                fitted, x_test, y_test, scoring="roc_auc", n_repeats=3, random_state=seed
            )
            ranked = sorted(
                zip(columns, importance.importances_mean, strict=True),
                key=lambda pair: (-round(float(pair[1]), 9), pair[0]),
            )
            top_features = [
                (name, round(float(value), 4)) for name, value in ranked[: limits.DOMAIN_TOP_FEATURES] if value > 0
            ]
    return DomainCheck(
        auc=round(auc, 4),
        rows_per_side=per_side,
        folds=limits.DOMAIN_FOLDS,
        shifted=auc >= limits.DOMAIN_AUC,
        top_features=top_features,
    )
