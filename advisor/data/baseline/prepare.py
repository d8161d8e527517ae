"""What the baselines are fitted on: the usable feature columns, the encoded target, protected columns, time order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from advisor.brief.enums import TaskType
from advisor.data.baseline.features import FeatureKinds
from advisor.data.baseline.groups import Entity, find_entity, group_codes
from advisor.data.baseline.rows import cap_rows
from advisor.data.baseline.split import MIN_ROWS
from advisor.data.columns import IDENTIFIER
from advisor.data.drop import DROPPED_REASON
from advisor.data.profiling import Profiled
from advisor.errors import DataError

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd


@dataclass
class Prepared:
    labelled: int
    x: pd.DataFrame
    y: np.ndarray
    labels: list[str]
    kinds: FeatureKinds
    excluded: dict[str, str]
    protected: pd.DataFrame
    order: pd.Series | None
    drop_protected: bool = True
    protected_why: str = ""
    entity: Entity | None = None  # panel data without a time split: each entity stays in one split
    groups: np.ndarray | None = None  # the entity's code on each row


def prepare(profiled: Profiled, max_rows: int, seed: int) -> Prepared:
    """Features (without dropped, leaking, identifier and unusable columns, nor protected ones when the rules say
    so), the encoded target, the time order."""
    import numpy as np
    import pandas as pd

    assert profiled.target is not None and profiled.task is not None
    target = profiled.target.column
    frame = profiled.frame
    known = frame[target].notna()
    file = profiled.table.source.file
    labelled = int(known.sum())
    if labelled < MIN_ROWS:
        problem = f"too few rows to split into train, validation and test ({labelled}; need {MIN_ROWS})"
        raise DataError(problem, file=file)
    # Rows are taken from the frame once, after the cap: copying every labelled row first cost more than the fits.
    kept = cap_rows(frame[target][known], profiled.task, max_rows, seed) if labelled > max_rows else known
    frame = frame.loc[kept].reset_index(drop=True)
    if profiled.labelled_rows is not None:  # the rows were capped before they were handed over
        labelled = profiled.labelled_rows
    excluded: dict[str, str] = {}
    for name in profiled.dropped:
        excluded[name] = DROPPED_REASON
    if profiled.drop_protected:
        for name in profiled.protected:
            excluded.setdefault(
                name, f"protected attribute, used only for the per-group metrics; {profiled.protected_why}"
            )
    for suspect in profiled.leakage:
        if not suspect.kept:
            excluded.setdefault(suspect.column, f"leakage suspect: {suspect.reason}")
    for name, why in profiled.unusable.items():
        excluded.setdefault(name, why)
    kinds = profiled.columns.kinds
    for name in frame.columns:
        if name != target and kinds[name] == IDENTIFIER:
            excluded.setdefault(name, "identifier")
    features = [name for name in frame.columns if name != target and name not in excluded]
    numeric = [n for n in features if kinds[n] in {"numeric", "boolean"} and _is_number(frame[n])]
    categorical = [n for n in features if kinds[n] in {"categorical", "boolean"} and n not in numeric]
    datetime = [n for n in features if kinds[n] == "datetime"]
    text = [n for n in features if kinds[n] == "text"]
    feature_kinds = FeatureKinds(numeric=numeric, categorical=categorical, datetime=datetime, text=text)
    if not feature_kinds.all:
        raise DataError("no usable feature columns left after excluding " + ", ".join(excluded), file=file)
    labels: list[str] = []
    if profiled.task == TaskType.regression:
        y = frame[target].astype("float64").to_numpy()
    else:
        values = frame[target].astype(str)
        labels = sorted(values.unique())
        if profiled.task == TaskType.binary_classification:
            counts = values.value_counts()
            positive = min(labels, key=lambda label: (int(counts[label]), label != labels[-1]))
            labels = [label for label in labels if label != positive] + [positive]
        y = values.map({label: code for code, label in enumerate(labels)}).to_numpy().astype(int)
    order = frame[profiled.time_column] if profiled.time_column in feature_kinds.datetime else None
    protected = frame[[name for name in profiled.protected if name in frame.columns]]
    entity = find_entity(frame, kinds, target) if order is None else None
    del np, pd
    return Prepared(
        labelled,
        frame[feature_kinds.all],
        y,
        labels,
        feature_kinds,
        excluded,
        protected,
        order,
        drop_protected=profiled.drop_protected,
        protected_why=profiled.protected_why,
        entity=entity,
        groups=group_codes(frame[entity.column]) if entity is not None else None,
    )


def _is_number(series: pd.Series) -> bool:
    import pandas as pd

    return bool(pd.api.types.is_numeric_dtype(series.dtype)) and not pd.api.types.is_bool_dtype(series.dtype)
