"""The model answer of a scenario: the advisor's design report for the scenario's canonical brief."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from advisor.errors import InputError

if TYPE_CHECKING:
    from advisor.knowledge.base import KnowledgeBase
    from advisor.practice.scenarios import Scenario


def model_answer(scenario: Scenario, knowledge: KnowledgeBase) -> str:
    """The design report (Markdown) the advisor writes for the scenario's brief."""
    from advisor.report import brief_markdown

    return brief_markdown(scenario.brief, knowledge)


def model_answer_path(scenario: Scenario, folder: Path) -> Path:
    return folder / f"{scenario.id}-model-answer.md"


def write_model_answer(scenario: Scenario, knowledge: KnowledgeBase, folder: Path) -> Path:
    """Write the model answer into `folder` (created if needed) and return its path; it is regenerated each time."""
    path = model_answer_path(scenario, folder)
    if folder.exists() and not folder.is_dir():
        raise InputError("not a folder", file=folder, place="--out")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(model_answer(scenario, knowledge), encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot write the model answer: {error.strerror or error}", file=path) from None
    return path
