"""Load a rule base folder into typed, checked models.

A rule base is a folder of YAML files:

    questions.yaml    the questionnaire
    catalog.yaml      every item rules may recommend, exclude or flag
    derived.yaml      declarations of derived facts
    gaps.yaml         what the linter's gap check requires (read by the linter)
    coverage.yaml     the seed items and where the rule base carries them (read by the linter and tests)
    sources.yaml      the bibliography: every public source rules and questions cite, by key
    cases/*.yaml      golden cases
    scenarios/*.yaml  practice scenarios (read by practice mode)
    any other *.yaml  rules: `rules: [...]`, optionally with a file-wide `step:`

Every problem names the file, the line, the rule or question id and the field, and for a mistyped name the closest
valid one. `inspect_knowledge` returns all problems; `load_knowledge` refuses a rule base that has any.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from advisor.errors import KnowledgeError, RuleBaseInvalid
from advisor.knowledge.base import KnowledgeBase
from advisor.knowledge.bibliography import SOURCE_KEY_PATTERN, Bibliography, Source
from advisor.knowledge.cases import GoldenCase
from advisor.knowledge.catalog import Catalog
from advisor.knowledge.checks import check_knowledge
from advisor.knowledge.derived import DerivedFact
from advisor.knowledge.facts import brief_fact_space
from advisor.knowledge.questions import Question
from advisor.knowledge.rules import Rule
from advisor.util.resources import bundled_rules
from advisor.util.validation import model_field_names, problems_of
from advisor.util.yaml_source import KeyPath, YamlDocument, YamlSyntaxError, parse_yaml, read_text

SPECIAL_FILES = {"questions", "catalog", "derived", "gaps", "coverage", "sources"}
RULE_FILE_KEYS = {"rules", "step", "description"}
Model = TypeVar("Model", bound=BaseModel)


@dataclass
class _Loader:
    root: Path
    problems: list[KnowledgeError] = field(default_factory=list)
    origins: dict[str, tuple[Path, int | None]] = field(default_factory=dict)

    def problem(
        self,
        document: YamlDocument | Path,
        loc: KeyPath,
        message: str,
        *,
        item: str | None = None,
        field_name: str | None = None,
        hint: str | None = None,
    ) -> None:
        path = document.path if isinstance(document, YamlDocument) else document
        line = document.line_of(loc) if isinstance(document, YamlDocument) else None
        self.problems.append(KnowledgeError(message, file=path, line=line, item=item, field=field_name, hint=hint))

    def read(self, path: Path) -> YamlDocument | None:
        try:
            document = parse_yaml(read_text(path), path)
        except UnicodeDecodeError as error:
            self.problem(path, (), f"not UTF-8 text (byte {error.start})", hint="save the file as UTF-8")
            return None
        except OSError as error:
            self.problem(path, (), f"cannot read: {error.strerror or error}")
            return None
        except YamlSyntaxError as error:
            self.problems.append(KnowledgeError(f"invalid YAML: {error.problem}", file=path, line=error.line))
            return None
        for duplicate in document.duplicates:
            self.problems.append(
                KnowledgeError(
                    f"key '{duplicate.key}' appears twice in the same mapping",
                    file=path,
                    line=duplicate.line,
                    hint="YAML keeps only the last one; remove or rename the other",
                )
            )
        return document

    def validate(
        self,
        model: type[Model],
        raw: Any,
        document: YamlDocument,
        loc: KeyPath,
        item: str | None,
    ) -> Model | None:
        try:
            return model.model_validate(raw)
        except ValidationError as error:
            names = model_field_names(model)
            for found in problems_of(error, _allowed_names(model, names)):
                self.problem(
                    document,
                    (*loc, *found.loc),
                    found.problem,
                    item=item,
                    field_name=found.field or None,
                    hint=found.hint,
                )
            return None

    def section(self, document: YamlDocument, key: str, kind: type) -> Any:
        data = document.data
        if data is None:
            return kind()
        if not isinstance(data, dict):
            self.problem(document, (), f"expected a mapping with the key '{key}' at the top of the file")
            return kind()
        value = data.get(key, kind())
        if not isinstance(value, kind):
            self.problem(document, (key,), f"'{key}' must be a {'list' if kind is list else 'mapping'}")
            return kind()
        return value


def _allowed_names(model: type[BaseModel], names: set[str]) -> Callable[[KeyPath], Iterable[str]]:
    from advisor.brief.model import SECTIONS

    def allowed(loc: KeyPath) -> Iterable[str]:
        # Inside a brief the section says exactly which names are valid; elsewhere any name of the schema.
        for index, part in enumerate(loc):
            if part == "brief" and index + 1 < len(loc) and loc[index + 1] in SECTIONS:
                return SECTIONS[str(loc[index + 1])].model_fields
            if part == "brief" and index == len(loc) - 1:
                return [*SECTIONS, "skipped"]
        return names

    return allowed


def _rule_files(root: Path) -> list[Path]:
    files = sorted([*root.glob("*.yaml"), *root.glob("*.yml")])
    return [path for path in files if path.stem not in SPECIAL_FILES]


def _load_rules(loader: _Loader) -> list[Rule]:
    rules: list[Rule] = []
    seen: dict[str, Path] = {}
    for path in _rule_files(loader.root):
        document = loader.read(path)
        if document is None:
            continue
        if isinstance(document.data, dict):
            for key in document.data:
                if key not in RULE_FILE_KEYS:
                    loader.problem(
                        document,
                        (key,),
                        f"unknown top-level key '{key}'",
                        hint="a rule file holds 'rules' and optionally 'step' and 'description'",
                    )
        default_step = document.data.get("step") if isinstance(document.data, dict) else None
        for index, raw in enumerate(loader.section(document, "rules", list)):
            rule_id = raw.get("id") if isinstance(raw, dict) else None
            label = f"rule {rule_id}" if rule_id else f"rule #{index + 1}"
            with_step = {**raw, "step": default_step} if isinstance(raw, dict) and "step" not in raw else raw
            rule = loader.validate(
                Rule, with_step if default_step is not None else raw, document, ("rules", index), label
            )
            if rule is None:
                continue
            if rule.id in seen:
                loader.problem(
                    document,
                    ("rules", index, "id"),
                    f"duplicate rule id '{rule.id}'",
                    item=label,
                    hint=f"also defined in {seen[rule.id]}; rule ids must be unique",
                )
                continue
            seen[rule.id] = path
            loader.origins[f"rule:{rule.id}"] = (path, document.line_of(("rules", index)))
            loader.origins[f"rule-sources:{rule.id}"] = (path, document.line_of(("rules", index, "sources")))
            rules.append(rule)
    return rules


def _load_mapping_file(loader: _Loader, name: str, key: str) -> tuple[YamlDocument | None, dict[str, Any]]:
    path = loader.root / f"{name}.yaml"
    if not path.is_file():
        return None, {}
    document = loader.read(path)
    return (document, loader.section(document, key, dict)) if document else (None, {})


def _load_catalog(loader: _Loader) -> Catalog:
    document, items = _load_mapping_file(loader, "catalog", "catalog")
    if document is None:
        return Catalog()
    catalog = loader.validate(Catalog, {"items": items}, document, (), "catalog")
    if catalog is None:
        return Catalog()
    for category, entries in catalog.items.items():
        for item_id in entries:
            loader.origins[f"item:{category.value}:{item_id}"] = (
                document.path,
                document.line_of(("catalog", category.value, item_id)),
            )
    return catalog


def _load_bibliography(loader: _Loader) -> Bibliography | None:
    """The bibliography, or None for a rule base without `sources.yaml` (its citations are then not checked)."""
    document, entries = _load_mapping_file(loader, "sources", "sources")
    if document is None:
        return None
    pattern = re.compile(SOURCE_KEY_PATTERN)
    valid: dict[str, Source] = {}
    for key, raw in entries.items():
        label = f"source {key}"
        if not pattern.match(str(key)):
            loader.problem(
                document,
                ("sources", key),
                f"source key '{key}' is not lowercase kebab-case",
                item=label,
                hint="write keys like 'google-rules-of-ml'",
            )
            continue
        source = loader.validate(Source, raw, document, ("sources", key), label)
        if source is not None:
            valid[str(key)] = source
            loader.origins[f"source:{key}"] = (document.path, document.line_of(("sources", key)))
    return Bibliography(entries=valid)


def _load_derived(loader: _Loader) -> dict[str, DerivedFact]:
    document, declared = _load_mapping_file(loader, "derived", "derived")
    result: dict[str, DerivedFact] = {}
    if document is None:
        return result
    for name, raw in declared.items():
        fact = loader.validate(DerivedFact, raw, document, ("derived", name), f"derived fact {name}")
        if fact is not None:
            if fact.type == "enum" and not fact.values:
                loader.problem(
                    document,
                    ("derived", name),
                    "an enum derived fact needs 'values'",
                    item=f"derived fact {name}",
                    field_name="values",
                )
            result[name] = fact
            loader.origins[f"derived:{name}"] = (document.path, document.line_of(("derived", name)))
    return result


def _load_questions(loader: _Loader) -> list[Question]:
    path = loader.root / "questions.yaml"
    if not path.is_file():
        return []
    document = loader.read(path)
    if document is None:
        return []
    questions: list[Question] = []
    seen: set[str] = set()
    for index, raw in enumerate(loader.section(document, "questions", list)):
        question_id = raw.get("id") if isinstance(raw, dict) else None
        label = f"question {question_id}" if question_id else f"question #{index + 1}"
        question = loader.validate(Question, raw, document, ("questions", index), label)
        if question is None:
            continue
        if question.id in seen:
            loader.problem(document, ("questions", index, "id"), f"duplicate question id '{question.id}'", item=label)
            continue
        seen.add(question.id)
        loader.origins[f"question:{question.id}"] = (path, document.line_of(("questions", index)))
        loader.origins[f"question-sources:{question.id}"] = (path, document.line_of(("questions", index, "sources")))
        questions.append(question)
    return questions


def _load_cases(loader: _Loader) -> list[GoldenCase]:
    cases: list[GoldenCase] = []
    seen: set[str] = set()
    for path in sorted((loader.root / "cases").glob("*.y*ml")):
        document = loader.read(path)
        if document is None:
            continue
        raw = document.data if isinstance(document.data, dict) else {}
        raw = {"id": path.stem, **raw}
        label = f"case {raw['id']}"
        case = loader.validate(GoldenCase, raw, document, (), label)
        if case is None:
            continue
        if case.id in seen:
            loader.problem(document, ("id",), f"duplicate case id '{case.id}'", item=label)
            continue
        seen.add(case.id)
        loader.origins[f"case:{case.id}"] = (path, 1)
        cases.append(case)
    return cases


def inspect_knowledge(root: Path | str | None = None) -> tuple[KnowledgeBase, list[KnowledgeError]]:
    """Load everything that is valid and return it with the list of every problem found."""
    folder = Path(root) if root is not None else bundled_rules()
    if not folder.is_dir():
        problem = "no such folder" if not folder.exists() else "not a folder"
        raise KnowledgeError(problem, file=folder, hint="--rules takes the folder that holds the rule files")
    loader = _Loader(folder)
    catalog = _load_catalog(loader)
    derived = _load_derived(loader)
    space = brief_fact_space().with_derived(fact.spec(name) for name, fact in derived.items())
    knowledge = KnowledgeBase(
        root=folder,
        rules=tuple(_load_rules(loader)),
        questions=tuple(_load_questions(loader)),
        catalog=catalog,
        derived=derived,
        cases=tuple(_load_cases(loader)),
        facts=space,
        bibliography=_load_bibliography(loader),
        origins=loader.origins,
    )
    problems = loader.problems + check_knowledge(knowledge)
    if not _rule_files(folder):
        problems.append(
            KnowledgeError(
                "the folder holds no rules",
                file=folder,
                hint="a rule file is any *.yaml with a top-level 'rules:' list",
            )
        )
    return knowledge, problems


def load_knowledge(root: Path | str | None = None) -> KnowledgeBase:
    """Load a rule base (the bundled one by default); raise RuleBaseInvalid listing every problem."""
    knowledge, problems = inspect_knowledge(root)
    if problems:
        raise RuleBaseInvalid(problems, knowledge.root)
    return knowledge
