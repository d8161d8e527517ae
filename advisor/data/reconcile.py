"""Where the data contradicts the brief: said balanced but 1:30, said a million rows but 5,000, said regression but
the target is binary. Each contradiction names the brief's fact, both values and what to do about it."""

from __future__ import annotations

from collections.abc import Callable

from advisor.brief.dataset_facts import DatasetFacts
from advisor.brief.enums import Imbalance, TaskType
from advisor.brief.model import Brief
from advisor.data.models import Contradiction

SIZE_FACTOR = 2.0  # a stated size off by more than this factor is a contradiction
SHARE_TOLERANCE = 0.1  # a stated positive share off by more than 10 points
IMBALANCE_ORDER = [band.value for band in Imbalance]
COMPARABLE_TASKS = {
    TaskType.binary_classification.value,
    TaskType.multiclass_classification.value,
    TaskType.regression.value,
}
TASK_WORDS = {
    TaskType.binary_classification.value: "binary classification",
    TaskType.multiclass_classification.value: "multi-class classification",
    TaskType.regression.value: "regression",
}


def reconcile(brief: Brief, facts: DatasetFacts, *, target: str | None, columns: list[str]) -> list[Contradiction]:
    """Every answer in `brief` that the measured `facts` contradict, in a fixed order."""
    checks: list[Callable[[], Contradiction | None]] = [
        lambda: _task_type(brief, facts),
        lambda: _imbalance(brief, facts),
        lambda: _positive_share(brief, facts),
        lambda: _size("data.rows", brief.data.rows, facts.rows, "rows"),
        lambda: _size("data.features", brief.data.features, _feature_count(facts, target), "feature columns"),
        lambda: _target_kind(brief, facts),
        lambda: _target_column(brief, target),
        lambda: _protected_columns(brief, columns),
        lambda: _temporal(brief, facts),
    ]
    return [found for check in checks if (found := check()) is not None]


def _feature_count(facts: DatasetFacts, target: str | None) -> int | None:
    if facts.columns is None:
        return None
    return facts.columns - (1 if target else 0)


def _task_type(brief: Brief, facts: DatasetFacts) -> Contradiction | None:
    said, measured = brief.problem.task_type, facts.task_type
    if said is None or measured is None or said not in COMPARABLE_TASKS or said == measured:
        return None
    detail = f" with {facts.classes} classes" if facts.classes else ""
    return Contradiction(
        fact="problem.task_type",
        answered=str(said),
        measured=str(measured),
        message=(
            f"The brief says {TASK_WORDS[str(said)]}, but the target column is {TASK_WORDS[str(measured)]}{detail}: "
            "check the target column and the task, since metrics and models follow from it."
        ),
    )


def _imbalance(brief: Brief, facts: DatasetFacts) -> Contradiction | None:
    said, measured = brief.data.imbalance, facts.imbalance
    if said is None or measured is None or said == measured:
        return None
    share = f"{facts.minority_share:.1%}" if facts.minority_share is not None else "?"
    ratio = f" (about 1:{round(1 / facts.minority_share - 1)})" if facts.minority_share else ""
    direction = "more" if IMBALANCE_ORDER.index(str(measured)) > IMBALANCE_ORDER.index(str(said)) else "less"
    return Contradiction(
        fact="data.imbalance",
        answered=str(said),
        measured=f"{measured} (minority share {share})",
        message=(
            f"The brief says the classes are {said}, but the rarest class is {share} of rows{ratio}: "
            f"{direction} imbalanced than stated; metrics and the split follow the data."
        ),
    )


def _positive_share(brief: Brief, facts: DatasetFacts) -> Contradiction | None:
    said, measured = brief.data.positive_share, facts.minority_share
    if said is None or measured is None or facts.classes != 2:
        return None
    if abs(said - measured) <= SHARE_TOLERANCE and not (said > 0 and max(said, measured) / min(said, measured) > 3):
        return None
    return Contradiction(
        fact="data.positive_share",
        answered=f"{said:.1%}",
        measured=f"{measured:.1%} (share of the rarer class)",
        message=f"The brief expects {said:.1%} positives, the data has {measured:.1%} in its rarer class.",
    )


def _size(fact: str, said: int | None, measured: int | None, unit: str) -> Contradiction | None:
    if said is None or measured is None or said <= 0 or measured <= 0:
        return None
    if max(said, measured) / min(said, measured) < SIZE_FACTOR:
        return None
    return Contradiction(
        fact=fact,
        answered=f"{said:,}",
        measured=f"{measured:,}",
        message=(
            f"The brief says {said:,} {unit}, the file has {measured:,}: check which is right before trusting size "
            "advice."
        ),
    )


def _target_kind(brief: Brief, facts: DatasetFacts) -> Contradiction | None:
    said, measured = brief.problem.target_kind, facts.target_kind
    if said is None or measured is None or said == measured:
        return None
    return Contradiction(
        fact="problem.target_kind",
        answered=str(said),
        measured=str(measured),
        message=f"The brief says the target is {said}, but its values look {measured}: this decides the loss.",
    )


def _target_column(brief: Brief, target: str | None) -> Contradiction | None:
    said = brief.problem.target_column
    if said is None or target is None or said == target:
        return None
    return Contradiction(
        fact="problem.target_column",
        answered=said,
        measured=target,
        message=f"The brief names the target column '{said}', but the analysis used '{target}'.",
    )


def _protected_columns(brief: Brief, columns: list[str]) -> Contradiction | None:
    declared = brief.legal.protected_columns or []
    present = {name.lower() for name in columns}
    absent = [name for name in declared if name.lower() not in present]
    if not absent:
        return None
    return Contradiction(
        fact="legal.protected_columns",
        answered=", ".join(declared),
        measured=f"not in the data: {', '.join(absent)}",
        message=(
            f"The brief names protected column(s) {', '.join(absent)} that the file does not have: "
            "fairness checks cannot use them; check the names."
        ),
    )


def _temporal(brief: Brief, facts: DatasetFacts) -> Contradiction | None:
    if brief.data.temporal is not True or facts.has_time_column is not False:
        return None
    return Contradiction(
        fact="data.temporal",
        answered="true",
        measured="no date or time column",
        message="The brief says time order matters, but no column holds dates or times: the split cannot follow time.",
    )
