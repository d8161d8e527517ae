"""The bundled examples: a brief (`answers.yaml`) and, for most, a small real dataset (`data.csv`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from advisor.errors import UsageError
from advisor.util.resources import bundled
from advisor.util.suggest import did_you_mean

DATA_FILES = ("data.csv", "data.parquet")


@dataclass(frozen=True)
class Example:
    name: str
    answers: Path
    data: Path | None


def _folders() -> dict[str, Path]:
    root = bundled("examples")
    return {path.name: path for path in sorted(root.iterdir()) if (path / "answers.yaml").is_file()}


def example_names() -> dict[str, str]:
    """Example name -> the project's name from its brief."""
    titles: dict[str, str] = {}
    for name, folder in _folders().items():
        answers = yaml.safe_load((folder / "answers.yaml").read_text(encoding="utf-8")) or {}
        titles[name] = str((answers.get("problem") or {}).get("name") or name)
    return titles


def find_example(name: str) -> Example:
    folders = _folders()
    if name not in folders:
        raise UsageError(
            f"no bundled example '{name}'",
            place="--example",
            hint=did_you_mean(name, folders) or f"choose from {', '.join(folders)}",
        )
    folder = folders[name]
    data = next((folder / file for file in DATA_FILES if (folder / file).is_file()), None)
    return Example(name=name, answers=folder / "answers.yaml", data=data)
