"""Practice scenarios: classic ML system design questions, each with the canonical brief an interviewer holds.

A scenario is a YAML file in the rule base's `scenarios/` folder (the file name is its id):

    title: Card fraud on an online marketplace
    prompt: The question as the interviewer states it.
    brief: the canonical answers, in the answers-file format (see `advisor schema`)

The brief is what the interviewer knows: clarifying questions are answered from it, and the engine's advice for it
is the rubric. `concepts.yaml` in the same folder is not a scenario.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from advisor.brief.answers import parse_brief
from advisor.brief.model import Brief
from advisor.errors import KnowledgeError, UsageError
from advisor.util.suggest import did_you_mean
from advisor.util.yaml_source import KeyPath, YamlDocument, YamlSyntaxError, parse_yaml, read_text

if TYPE_CHECKING:
    from advisor.knowledge.base import KnowledgeBase

SCENARIO_FOLDER = "scenarios"
NOT_SCENARIOS = {"concepts", "judgement"}  # knowledge for judging answers, not questions
SCENARIO_KEYS = ("title", "prompt", "brief")
MIN_PROMPT_LENGTH = 20


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    prompt: str
    brief: Brief
    path: Path


@dataclass(frozen=True)
class _BriefLines:
    """Line numbers of the brief's keys, which sit under `brief:` in the scenario file."""

    document: YamlDocument

    def line_of(self, keys: KeyPath) -> int | None:
        return self.document.line_of(("brief", *keys))


def scenario_folder(knowledge: KnowledgeBase) -> Path:
    return knowledge.root / SCENARIO_FOLDER


def scenario_files(knowledge: KnowledgeBase) -> list[Path]:
    folder = scenario_folder(knowledge)
    files = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])
    return [path for path in files if path.stem not in NOT_SCENARIOS]


def _read(path: Path) -> YamlDocument:
    try:
        return parse_yaml(read_text(path), path)
    except UnicodeDecodeError as error:
        raise KnowledgeError(f"not UTF-8 text (byte {error.start})", file=path) from None
    except OSError as error:
        raise KnowledgeError(f"cannot read: {error.strerror or error}", file=path) from None
    except YamlSyntaxError as error:
        raise KnowledgeError(f"invalid YAML: {error.problem}", file=path, line=error.line) from None


def _text(document: YamlDocument, data: dict[str, Any], key: str, minimum: int) -> str:
    value = data.get(key)
    if not isinstance(value, str) or len(value.strip()) < minimum:
        raise KnowledgeError(
            f"'{key}' must be text of at least {minimum} characters",
            file=document.path,
            line=document.line_of((key,)),
            item=f"scenario {document.path.stem}",
            field=key,
        )
    return " ".join(value.split())


def load_scenario(path: Path, knowledge: KnowledgeBase) -> Scenario:
    """Read and check one scenario file; any problem is a KnowledgeError naming the file and line."""
    document = _read(path)
    data = document.data
    label = f"scenario {path.stem}"
    if not isinstance(data, dict):
        raise KnowledgeError("expected a mapping with title, prompt and brief", file=path, item=label)
    for key in data:
        if key not in SCENARIO_KEYS:
            raise KnowledgeError(
                f"unknown key '{key}'",
                file=path,
                line=document.line_of((key,)),
                item=label,
                hint=did_you_mean(str(key), SCENARIO_KEYS) or "a scenario holds title, prompt and brief",
            )
    if document.duplicates:
        duplicate = document.duplicates[0]
        raise KnowledgeError(f"key '{duplicate.key}' appears twice", file=path, line=duplicate.line, item=label)
    if "brief" not in data:
        raise KnowledgeError("no 'brief': the scenario needs the canonical answers", file=path, item=label)
    brief = parse_brief(data["brief"], path, knowledge, _BriefLines(document))
    return Scenario(
        id=path.stem,
        title=_text(document, data, "title", 3),
        prompt=_text(document, data, "prompt", MIN_PROMPT_LENGTH),
        brief=brief,
        path=path,
    )


def load_scenarios(knowledge: KnowledgeBase) -> list[Scenario]:
    """Every scenario of the rule base, by id."""
    return [load_scenario(path, knowledge) for path in scenario_files(knowledge)]


def find_scenario(name: str, knowledge: KnowledgeBase) -> Scenario:
    """The scenario called `name` (its file name without .yaml); a UsageError with did-you-mean if there is none."""
    files = {path.stem: path for path in scenario_files(knowledge)}
    if name in files:
        return load_scenario(files[name], knowledge)
    if not files:
        raise UsageError(
            "the rule base has no practice scenarios", file=scenario_folder(knowledge), hint="add scenarios/*.yaml"
        )
    raise UsageError(
        f"no scenario '{name}'",
        place="--scenario",
        hint=did_you_mean(name, files) or f"choose one of: {', '.join(files)}",
    )
