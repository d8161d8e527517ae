"""Which class of a binary target is "positive": the one every binary metric (F1, recall, PR AUC...) is about.

The person's choice wins (`data.positive_class` in the answers, or `--positive-class`). Otherwise a value named like
a positive answer (yes, 1, true, positive...) opposite a negative one (no, 0, false...), and failing that the
minority class, the usual object of detection. The reason is kept so the report can say which rule chose it.
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor.brief.dataset_facts import DatasetFacts
from advisor.brief.enums import TaskType
from advisor.errors import DataError

POSITIVE_NAMES = frozenset({"1", "1.0", "yes", "y", "true", "t", "positive", "pos"})
NEGATIVE_NAMES = frozenset({"0", "0.0", "no", "n", "false", "f", "negative", "neg"})


@dataclass(frozen=True)
class PositiveClass:
    label: str
    reason: str


def choose_positive(counts: dict[str, int], requested: str | None, *, file: str) -> PositiveClass:
    """The positive label among two, with the rule that chose it. `counts` maps each label to its rows."""
    labels = sorted(counts)
    total = sum(counts.values()) or 1
    if requested is not None:
        chosen = _match(requested, labels)
        if chosen is None:
            raise DataError(
                f"positive class '{requested}' is not a value of the target (values: {', '.join(labels)})",
                file=file,
                hint="pass one of the target's values to --positive-class or data.positive_class",
            )
        return PositiveClass(chosen, f"chosen in the brief or with --positive-class ({_share(counts, chosen, total)})")
    named = [label for label in labels if label.strip().lower() in POSITIVE_NAMES]
    others = [label for label in labels if label not in named]
    if len(named) == 1 and all(label.strip().lower() in NEGATIVE_NAMES for label in others):
        return PositiveClass(
            named[0],
            f"the value named like a positive answer ('{named[0]}' against '{others[0]}'; "
            f"{_share(counts, named[0], total)}); choose another with --positive-class",
        )
    minority = min(labels, key=lambda label: (counts[label], label != labels[-1]))
    return PositiveClass(
        minority,
        f"the minority class ({_share(counts, minority, total)}); choose another with --positive-class",
    )


def _share(counts: dict[str, int], label: str, total: int) -> str:
    return f"{counts[label] / total:.1%} of the rows"


def _match(requested: str, labels: list[str]) -> str | None:
    """The label the person meant: exact, then case-insensitive, then the same number ('1' for '1.0')."""
    if requested in labels:
        return requested
    lowered = {label.lower(): label for label in labels}
    if requested.lower() in lowered:
        return lowered[requested.lower()]
    try:
        wanted = float(requested)
    except ValueError:
        return None
    for label in labels:
        try:
            if float(label) == wanted:
                return label
        except ValueError:
            continue
    return None


def name_positive_class(facts: DatasetFacts, target: object, requested: str | None, *, file: str) -> None:
    """Record the positive class and its share in the measured facts (binary targets), so the brief's filled-in
    `data.positive_share` is about the class the metrics are about."""
    from advisor.data.models import TargetSummary

    if not isinstance(target, TargetSummary) or target.task_type != TaskType.binary_classification.value:
        return
    counts = {str(label): int(count) for label, count in target.classes.items()}
    if len(counts) != 2:
        return
    chosen = choose_positive(counts, requested, file=file)
    facts.positive_class = chosen.label
    facts.positive_share = round(counts[chosen.label] / (sum(counts.values()) or 1), 6)
