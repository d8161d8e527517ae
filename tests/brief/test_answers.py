"""The answers file: YAML or JSON, errors with file, line, field and the likely fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from advisor.brief.answers import dump_brief, load_brief
from advisor.brief.model import Brief
from advisor.errors import AnswersError
from advisor.knowledge.base import KnowledgeBase


def write(tmp_path: Path, text: str, name: str = "answers.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_yaml_and_json(tmp_path: Path) -> None:
    yaml_brief = load_brief(write(tmp_path, "problem:\n  task_type: regression\nserving:\n  latency_ms: 20\n"))
    json_brief = load_brief(
        write(
            tmp_path,
            json.dumps({"problem": {"task_type": "regression"}, "serving": {"latency_ms": 20}}),
            "answers.json",
        )
    )
    assert yaml_brief == json_brief
    assert yaml_brief.facts()["serving.latency_ms"] == 20.0


def test_unknown_key_names_line_and_suggests(tmp_path: Path) -> None:
    path = write(tmp_path, "problem:\n  task_type: regression\n  targt: price\n")
    with pytest.raises(AnswersError) as caught:
        load_brief(path)
    assert str(caught.value) == f"{path}: line 3, field problem.targt: unknown field 'targt' (did you mean 'target'?)"


def test_unknown_section_suggests(tmp_path: Path) -> None:
    with pytest.raises(AnswersError, match="did you mean 'serving'"):
        load_brief(write(tmp_path, "servng:\n  latency_ms: 3\n"))


def test_bad_enum_value_suggests(tmp_path: Path) -> None:
    with pytest.raises(AnswersError) as caught:
        load_brief(write(tmp_path, "problem:\n  task_type: clasification\n"))
    assert caught.value.hint is not None and "binary_classification" not in str(caught.value.place)
    assert "is not one of" in caught.value.problem


def test_value_out_of_range(tmp_path: Path) -> None:
    with pytest.raises(AnswersError, match=r"line 2, field data\.positive_share"):
        load_brief(write(tmp_path, "data:\n  positive_share: 3\n"))


def test_yaml_syntax_error(tmp_path: Path) -> None:
    with pytest.raises(AnswersError, match="line 2"):
        load_brief(write(tmp_path, "problem:\n  task_type: [regression\n"))


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(AnswersError, match="no such file"):
        load_brief(tmp_path / "nope.yaml")
    with pytest.raises(AnswersError, match="is a folder"):
        load_brief(tmp_path)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_bytes(b"problem:\n  goal: caf\xe9\n")
    with pytest.raises(AnswersError, match="not UTF-8"):
        load_brief(path)


def test_skipped_must_name_questions(tmp_path: Path, bundled_knowledge: KnowledgeBase) -> None:
    with pytest.raises(AnswersError, match=r"no question 'task_typ'.*did you mean 'task_type'"):
        load_brief(write(tmp_path, "skipped: [task_typ]\n"), bundled_knowledge)


def test_round_trip_keeps_only_answers(tmp_path: Path) -> None:
    brief = Brief.model_validate(
        {
            "costs": {"false_positive_cost": 1, "false_negative_cost": 4},
            "legal": {"jurisdictions": ["eu", "us"]},
            "skipped": ["latency_ms"],
        }
    )
    text = dump_brief(brief)
    assert "cost_optimal_threshold" not in text  # computed facts are not answers
    assert load_brief(write(tmp_path, text)) == brief
    assert brief.facts()["costs.cost_optimal_threshold"] == pytest.approx(0.2)
