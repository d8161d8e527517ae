"""Loading a rule base: every error names the file, the line, the rule or question id and the field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from advisor.errors import KnowledgeError, RuleBaseInvalid
from advisor.knowledge.load import inspect_knowledge, load_knowledge

FIXTURES = Path(__file__).parent.parent / "fixtures"


def base_with(tmp_path: Path, rules: str, name: str = "rules.yaml") -> Path:
    root = tmp_path / "kb"
    shutil.copytree(FIXTURES / "lint" / "_base", root)
    (root / name).write_text(rules, encoding="utf-8")
    return root


RULE = """rules:
  - id: one.rule
    step: metrics
    title: A rule under test
    when: {fact: problem.task_type, op: eq, value: regression}
    then: [{recommend: {category: metric, item: m1}}]
    because: Needed by the loader tests.
    sources: [test]
"""


def only_problem(tmp_path: Path, rules: str) -> KnowledgeError:
    _, problems = inspect_knowledge(base_with(tmp_path, rules))
    assert len(problems) == 1, [p.message for p in problems]
    return problems[0]


def test_valid_rule_base_loads(tmp_path: Path) -> None:
    knowledge = load_knowledge(base_with(tmp_path, RULE))
    assert [rule.id for rule in knowledge.rules] == ["one.rule"]
    assert knowledge.where("rule", "one.rule").endswith("rules.yaml:2")


def test_mistyped_fact_names_everything_and_suggests(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, RULE.replace("problem.task_type", "problem.task_typ"))
    assert problem.message == (
        f"{tmp_path / 'kb' / 'rules.yaml'}:2: rule one.rule, field when.fact: unknown fact 'problem.task_typ' "
        "(did you mean 'problem.task_type'?)"
    )


def test_mistyped_enum_value_suggests_the_closest(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, RULE.replace("value: regression", "value: regresion"))
    assert problem.field == "when.value" and problem.hint == "did you mean 'regression'?"


def test_mistyped_category_and_field_name(tmp_path: Path) -> None:
    _, problems = inspect_knowledge(base_with(tmp_path, RULE.replace("category: metric", "categry: metric")))
    assert any(p.problem == "unknown field 'categry'" and p.hint == "did you mean 'category'?" for p in problems)


def test_unknown_catalog_item_suggests(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, RULE.replace("item: m1", "item: m3"))
    assert problem.field == "then[0].item" and "not in the catalog" in problem.problem


def test_wrong_operator_for_the_fact_type(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, RULE.replace("op: eq, value: regression", "op: lt, value: 3"))
    assert "needs a numeric fact" in problem.problem


def test_missing_rationale_is_located(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, RULE.replace("    because: Needed by the loader tests.\n", ""))
    assert problem.field == "because" and problem.problem == "missing required field"


def test_unknown_action_key(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, RULE.replace("{recommend: {category: metric, item: m1}}", "{suggest: x}"))
    assert problem.field == "then[0]" and "exactly one of the keys" in problem.problem


def test_yaml_syntax_error_has_a_line(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, RULE + "  - id: [unclosed\n")
    assert problem.line == 9 and "invalid YAML" in problem.problem


def test_duplicate_keys_are_refused(tmp_path: Path) -> None:
    problem = only_problem(
        tmp_path, RULE.replace("    title: A rule under test\n", "    title: First\n    title: Second\n")
    )
    assert "appears twice" in problem.problem and problem.line == 5


def test_assert_must_target_a_declared_derived_fact(tmp_path: Path) -> None:
    rules = RULE.replace("{recommend: {category: metric, item: m1}}", "{assert: {fact: derived.flg, value: true}}")
    problem = only_problem(tmp_path, rules)
    assert problem.hint == "did you mean 'derived.flag'?"


def test_file_wide_step_applies(tmp_path: Path) -> None:
    knowledge = load_knowledge(base_with(tmp_path, "step: models\n" + RULE.replace("    step: metrics\n", "")))
    assert knowledge.rules[0].step == "models"


def test_load_refuses_a_broken_base_and_lists_every_problem(tmp_path: Path) -> None:
    broken = RULE.replace("regression", "regresion") + RULE.replace("one.rule", "two.rule").replace(
        "rules:\n", ""
    ).replace("m1", "m9")
    with pytest.raises(RuleBaseInvalid) as caught:
        load_knowledge(base_with(tmp_path, broken))
    assert len(caught.value.problems) == 2
    assert "run 'advisor rules lint'" in str(caught.value)


def test_not_a_folder(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="no such folder"):
        load_knowledge(tmp_path / "missing")


def test_question_type_must_fit_the_fact(tmp_path: Path) -> None:
    root = base_with(tmp_path, RULE)
    questions = (root / "questions.yaml").read_text().replace("type: integer", "type: choice")
    (root / "questions.yaml").write_text(questions)
    _, problems = inspect_knowledge(root)
    assert [p.field for p in problems] == ["type"]
    assert "must be integer" in problems[0].problem
