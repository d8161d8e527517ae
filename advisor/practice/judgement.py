"""What practice mode knows about judging an answer beyond its concepts: `scenarios/judgement.yaml`.

Three kinds of knowledge, all data: the cues of a reason ("because", "to avoid"...), of a stated choice ("as the
primary metric") and of a list; the patterns of wrong practice (resampling before the split, a post-outcome feature,
a random split on time-ordered data, tuning on the test set...), each quoting a rule of the rule base; and the
cadences a stated retraining schedule is checked against. A rule base without the file judges by concepts only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from advisor.errors import KnowledgeError
from advisor.practice.matching import Mention, PhraseBook, Reading
from advisor.util.yaml_source import YamlSyntaxError, parse_yaml, read_text

if TYPE_CHECKING:
    from pathlib import Path

    from advisor.knowledge.base import KnowledgeBase

JUDGEMENT_FILE = "judgement.yaml"


@dataclass(frozen=True)
class WrongPractice:
    """A leaky or contradicting step, found when one sentence names a phrase of every group."""

    id: str
    label: str
    step: str
    rule: str
    weight: float
    groups: tuple[tuple[str, ...], ...]
    cancels: tuple[str, ...] = ()
    applies_when: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cadence:
    """A schedule the answer states near one of `near`, checked against the scenario's fact."""

    id: str
    fact: str
    rule: str
    items: tuple[str, ...]
    near: tuple[str, ...]
    days: dict[str, float]
    phrases: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Judgement:
    connectives: tuple[str, ...] = ()
    generic_words: frozenset[str] = frozenset()
    primary: tuple[str, ...] = ()
    list_joiners: frozenset[str] = frozenset()
    list_length: int = 3
    hedge_length: int = 4
    reach: int = 90
    warnings: tuple[str, ...] = ()
    wrong_practice: tuple[WrongPractice, ...] = ()
    cadences: tuple[Cadence, ...] = ()
    cue_book: PhraseBook = field(default_factory=lambda: PhraseBook.build({}, per_key=True))

    def cues(self, reading: Reading) -> list[Mention]:
        """Every cue in a text: `reason`, `primary`, `warning`, `wp:<id>:<group>`, `cadence:<id>:near` and
        `cadence:<id>=<value>`, in one pass. A longer cue hides shorter ones of its own family only, so "would leak"
        (a reason) never hides "leak" (a warning)."""
        return self.cue_book.find(reading)

    @classmethod
    def with_cues(cls, **values: Any) -> Judgement:
        """The judgement with a phrase book per family of cues."""
        partial = cls(**values)
        phrases: dict[str, tuple[str, ...]] = {
            "reason": partial.connectives,
            "primary": partial.primary,
            "warning": partial.warnings,
        }
        for entry in partial.wrong_practice:
            phrases |= {f"wp:{entry.id}:{index}": group for index, group in enumerate(entry.groups)}
            if entry.unless:
                phrases[f"wp:{entry.id}:unless"] = entry.unless
        for cadence in partial.cadences:
            phrases[f"cadence:{cadence.id}:near"] = cadence.near
            phrases |= {f"cadence:{cadence.id}={value}": listed for value, listed in cadence.phrases.items()}
        return cls(**values, cue_book=PhraseBook.build(phrases, per_key=True))


def _strings(value: object, where: str, path: Path) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(item, (str, int, float)) for item in value):
        raise KnowledgeError(f"'{where}' must be a non-empty list of phrases", file=path)
    return tuple(str(item) for item in value)


def _wrong_practice(entry: object, path: Path) -> WrongPractice:
    if not isinstance(entry, dict) or not all(key in entry for key in ("id", "label", "step", "rule", "all_of")):
        raise KnowledgeError("each wrong_practice entry needs id, label, step, rule and all_of", file=path)
    name = str(entry["id"])
    groups = entry["all_of"]
    if not isinstance(groups, list) or not groups:
        raise KnowledgeError(f"'all_of' of {name} must be a list of phrase lists", file=path)
    return WrongPractice(
        id=name,
        label=str(entry["label"]),
        step=str(entry["step"]),
        rule=str(entry["rule"]),
        weight=float(entry.get("weight", 2)),
        groups=tuple(_strings(group, f"{name}.all_of", path) for group in groups),
        cancels=_strings(entry["cancels"], f"{name}.cancels", path) if entry.get("cancels") else (),
        applies_when=_strings(entry["applies_when"], f"{name}.applies_when", path) if entry.get("applies_when") else (),
        unless=_strings(entry["unless"], f"{name}.unless", path) if entry.get("unless") else (),
    )


def _cadence(entry: object, path: Path) -> Cadence:
    if not isinstance(entry, dict) or not isinstance(entry.get("values"), dict):
        raise KnowledgeError("each cadence needs id, fact, rule, items, near and values", file=path)
    name = str(entry.get("id"))
    values: dict[str, Any] = entry["values"]
    if not all(isinstance(spec, dict) and isinstance(spec.get("days"), (int, float)) for spec in values.values()):
        raise KnowledgeError(f"each value of cadence {name} needs days and phrases", file=path)
    return Cadence(
        id=name,
        fact=str(entry.get("fact")),
        rule=str(entry.get("rule")),
        items=_strings(entry.get("items"), f"{name}.items", path),
        near=_strings(entry.get("near"), f"{name}.near", path),
        days={str(value): float(spec["days"]) for value, spec in values.items()},
        phrases={str(value): _strings(spec.get("phrases"), f"{name}.{value}", path) for value, spec in values.items()},
    )


def load_judgement(knowledge: KnowledgeBase) -> Judgement:
    """Read `scenarios/judgement.yaml` of the rule base; a missing file judges by concepts alone."""
    path = knowledge.root / "scenarios" / JUDGEMENT_FILE
    if not path.is_file():
        return Judgement()
    try:
        data = parse_yaml(read_text(path), path).data
    except (OSError, UnicodeDecodeError) as error:
        raise KnowledgeError(f"cannot read: {error}", file=path) from None
    except YamlSyntaxError as error:
        raise KnowledgeError(f"invalid YAML: {error.problem}", file=path, line=error.line) from None
    if not isinstance(data, dict) or not isinstance(data.get("reasons"), dict):
        raise KnowledgeError("expected a mapping with 'reasons', 'wrong_practice' and 'cadences'", file=path)
    reasons: dict[str, Any] = data["reasons"]
    return Judgement.with_cues(
        connectives=_strings(reasons.get("connectives"), "reasons.connectives", path),
        generic_words=frozenset(_strings(reasons.get("generic_words"), "reasons.generic_words", path)),
        primary=_strings(reasons.get("primary"), "reasons.primary", path),
        list_joiners=frozenset(_strings(reasons.get("list_joiners"), "reasons.list_joiners", path)),
        list_length=int(reasons.get("list_length", 3)),
        hedge_length=int(reasons.get("hedge_length", 4)),
        reach=int(data.get("reach", 90)),
        warnings=_strings(data.get("warnings", ["never"]), "warnings", path),
        wrong_practice=tuple(_wrong_practice(entry, path) for entry in data.get("wrong_practice") or []),
        cadences=tuple(_cadence(entry, path) for entry in data.get("cadences") or []),
    )
