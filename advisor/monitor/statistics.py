"""Per-feature drift: PSI on reference deciles with a Kolmogorov-Smirnov test for numbers; PSI, Jensen-Shannon and
a chi-square test for categories; new and vanished categories; missing-rate changes; Holm's correction.

The tests come from scipy; only PSI (a sum of four array operations, in no library we depend on) and Holm's step-down
(five lines; statsmodels is not a dependency) are written here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.monitor import thresholds as limits
from advisor.monitor.models import FeatureDrift, MissingChange, Severity

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

OTHER = "(other)"


def psi_from_counts(reference: np.ndarray, current: np.ndarray) -> float:
    """Population stability index of two histograms over the same bins: sum of (c - r) * ln(c / r) over shares."""
    import numpy as np

    r = np.maximum(reference / max(reference.sum(), 1), limits.PSI_FLOOR)
    c = np.maximum(current / max(current.sum(), 1), limits.PSI_FLOOR)
    return float(np.sum((c - r) * np.log(c / r)))


def decile_edges(reference: np.ndarray) -> np.ndarray:
    """Inner bin edges at the reference's deciles (repeated edges of discrete values merged)."""
    import numpy as np

    return np.unique(np.quantile(reference, np.linspace(0, 1, limits.PSI_BINS + 1)[1:-1]))


def binned_counts(values: np.ndarray, edges: np.ndarray) -> np.ndarray:
    import numpy as np

    return np.bincount(np.searchsorted(edges, values, side="right"), minlength=len(edges) + 1).astype("float64")


def numeric_psi(reference: np.ndarray, current: np.ndarray) -> float:
    edges = decile_edges(reference)
    return psi_from_counts(binned_counts(reference, edges), binned_counts(current, edges))


def severity(psi: float) -> Severity:
    if psi >= limits.PSI_MAJOR:
        return "major"
    return "moderate" if psi >= limits.PSI_MODERATE else "none"


def numeric_drift(column: str, reference: pd.Series, current: pd.Series) -> FeatureDrift:
    import numpy as np
    from scipy.stats import ks_2samp

    r = reference.dropna().to_numpy(dtype="float64")
    c = current.dropna().to_numpy(dtype="float64")
    # The exact distribution is slow for large samples and adds nothing there.
    method = "asymp" if min(len(r), len(c)) > 2_000 else "auto"
    test = ks_2samp(r, c, method=method)
    return FeatureDrift(
        column=column,
        kind="numeric",
        test="Kolmogorov-Smirnov",
        statistic=round(float(test.statistic), 6),
        p_value=float(test.pvalue),
        psi=round(numeric_psi(r, c), 6),
        reference_summary=f"median {_number(float(np.median(r)))}",
        current_summary=f"median {_number(float(np.median(c)))}",
    )


def as_labels(series: pd.Series) -> pd.Series:
    """Present values as text, numbers written alike on both sides: a 0/1 column read as integers from one file
    and as floats from the other (a missing value makes pandas use floats) must not show "1" and "1.0" as two
    categories."""
    import numpy as np
    import pandas as pd

    present = series.dropna()
    if pd.api.types.is_numeric_dtype(present.dtype) and not pd.api.types.is_bool_dtype(present.dtype):
        values = present.astype("float64")
        integral = np.isfinite(values) & (values == np.round(values))
        text = values.astype(str)
        text[integral] = values[integral].astype("int64").astype(str)
        return text
    return present.astype(str)


def categorical_drift(column: str, reference: pd.Series, current: pd.Series) -> FeatureDrift:
    """Categories beyond the 20 most frequent (over both sides) pooled; unseen categories measured separately."""
    import numpy as np
    from scipy.spatial.distance import jensenshannon
    from scipy.stats import chi2_contingency

    r = as_labels(reference)
    c = as_labels(current)
    r_counts = r.value_counts()
    c_counts = c.value_counts()
    # The categories kept are the most frequent over both sides: ranking by the reference alone would favour the
    # ones the reference happened to over-sample, and every test on random halves would find a "shift".
    pooled = r_counts.add(c_counts, fill_value=0).sort_values(ascending=False, kind="stable")
    kept = [str(name) for name in pooled.index[: limits.TOP_CATEGORIES]]
    r_hist = _pooled(r_counts, kept)
    c_hist = _pooled(c_counts, kept)
    table = np.vstack([r_hist, c_hist])
    table = table[:, table.sum(axis=0) > 0]
    if table.shape[1] < 2:
        statistic, p_value = 0.0, 1.0
    else:
        result = chi2_contingency(table)
        statistic, p_value = float(result.statistic), float(result.pvalue)
    unseen = c_counts[~c_counts.index.isin(r_counts.index)]
    # Good-Turing: the share of the population a sample of the reference has not seen is about its singleton share.
    expected_unseen = float((r_counts == 1).sum()) / max(len(r), 1)
    new_share = max(0.0, float(unseen.sum()) / max(len(c), 1) - expected_unseen)
    if len(r_counts) > limits.NEW_CATEGORY_MAX_CARDINALITY:
        new_share = 0.0  # new values of a high-cardinality column (tail numbers, codes) are expected: not judged
    shares = r_counts / max(len(r), 1)
    vanished = [str(name) for name in shares.index[shares >= limits.VANISHED_MIN_SHARE] if name not in c_counts.index]
    return FeatureDrift(
        column=column,
        kind="categorical",
        test="chi-square",
        statistic=round(statistic, 6),
        p_value=p_value,
        psi=round(psi_from_counts(r_hist, c_hist), 6),
        js_distance=round(float(jensenshannon(r_hist / r_hist.sum(), c_hist / max(c_hist.sum(), 1), base=2)), 6),
        reference_summary=_top(r_counts),
        current_summary=_top(c_counts),
        new_categories=[str(name) for name in unseen.index[:5]],
        new_share=round(new_share, 6),
        vanished_categories=vanished[:5],
    )


def _pooled(counts: pd.Series, kept: list[str]) -> np.ndarray:
    import numpy as np

    values = [float(counts.get(name, 0)) for name in kept]
    values.append(float(counts[~counts.index.isin(kept)].sum()))
    return np.array(values, dtype="float64")


def _top(counts: pd.Series) -> str:
    if counts.empty:
        return "(none)"
    total = float(counts.sum())
    return f"{counts.index[0]} ({counts.iloc[0] / total:.0%})"


def missing_change(column: str, reference: pd.Series, current: pd.Series) -> MissingChange | None:
    """The missing share on each side with a test of equal proportions; None when neither side misses a value."""
    import numpy as np
    from scipy.stats import chi2_contingency, fisher_exact

    r_missing, c_missing = int(reference.isna().sum()), int(current.isna().sum())
    if r_missing == 0 and c_missing == 0:
        return None
    table = np.array([[r_missing, len(reference) - r_missing], [c_missing, len(current) - c_missing]])
    if (table.sum(axis=0) == 0).any():
        p_value = 1.0
    elif chi2_contingency(table).expected_freq.min() >= 5:
        p_value = float(chi2_contingency(table).pvalue)
    else:
        p_value = float(fisher_exact(table).pvalue)
    return MissingChange(
        column=column,
        reference_share=round(r_missing / max(len(reference), 1), 6),
        current_share=round(c_missing / max(len(current), 1), 6),
        p_value=p_value,
    )


def holm(p_values: list[float]) -> list[float]:
    """Holm's step-down adjusted p-values: the family-wise error rate stays at alpha over all the tests."""
    order = sorted(range(len(p_values)), key=lambda index: p_values[index])
    adjusted = [1.0] * len(p_values)
    running = 0.0
    for rank, index in enumerate(order):
        running = max(running, min(1.0, (len(p_values) - rank) * p_values[index]))
        adjusted[index] = running
    return adjusted


def judge(features: list[FeatureDrift], missing: list[MissingChange]) -> None:
    """Correct every p-value of the run together, then mark drift: significant AND over the effect threshold."""
    adjusted = holm([item.p_value for item in features] + [item.p_value for item in missing])
    for item, p in zip(features, adjusted[: len(features)], strict=True):
        item.p_adjusted = p
        item.severity = severity(item.psi) if p < limits.ALPHA else "none"
        item.drifted = item.severity != "none"
    for change, p in zip(missing, adjusted[len(features) :], strict=True):
        change.p_adjusted = p
        rise = change.current_share - change.reference_share
        change.increased = p < limits.ALPHA and rise >= limits.MISSING_POINTS


def _number(value: float) -> str:
    return f"{value:,.4g}"
