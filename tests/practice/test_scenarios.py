"""The bundled scenarios and concepts: every scenario loads, has a rubric from the engine, and can be clarified."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from advisor.brief.enums import Category
from advisor.errors import InputError, UsageError
from advisor.inference.engine import advise
from advisor.knowledge.base import KnowledgeBase
from advisor.knowledge.conditions import compile_condition
from advisor.knowledge.load import load_knowledge
from advisor.practice import rubric_for
from advisor.practice.clarify import clarifications
from advisor.practice.concepts import ConceptBook, load_concepts, unknown_concept_keys
from advisor.practice.scenarios import find_scenario, load_scenario, load_scenarios, scenario_files
from advisor.util.resources import bundled_rules

SCENARIO_IDS = [path.stem for path in scenario_files(load_knowledge())]


def test_there_are_at_least_ten_classic_scenarios() -> None:
    assert len(SCENARIO_IDS) >= 10
    assert {"fraud", "churn", "spam", "house_prices", "loan_approval", "segmentation"} <= set(SCENARIO_IDS)


def _rule_base_can_give_a_primary_metric(facts: dict[str, object], knowledge: KnowledgeBase) -> bool:
    """Whether some primary-metric rule fires, or would with more answers: if none can, the gap is the rule base's
    (the linter's gap check reports it), not the scenario's."""
    return any(
        any(spec.category == "metric" and spec.strength == "primary" for spec in rule.recommendations())
        and compile_condition(rule.when)(facts) is not False
        for rule in knowledge.rules
    )


@pytest.mark.parametrize("scenario_id", SCENARIO_IDS)
def test_every_scenario_gives_a_rubric_with_a_primary_metric(
    scenario_id: str, bundled_knowledge: KnowledgeBase, concepts: ConceptBook
) -> None:
    scenario = find_scenario(scenario_id, bundled_knowledge)
    assert scenario.title and len(scenario.prompt) > 40
    rubric = rubric_for(scenario, bundled_knowledge, concepts)
    assert rubric, f"{scenario_id}: the engine gives no advice for the brief"
    assert all(item.phrases and item.because for item in rubric)
    primary_metrics = [item for item in rubric if item.kind == "primary" and item.key.startswith("metric:")]
    facts = advise(scenario.brief, bundled_knowledge).facts
    if not primary_metrics and not _rule_base_can_give_a_primary_metric(facts, bundled_knowledge):
        shown = {key: facts.get(key) for key in ("problem.task_type", "data.imbalance", "problem.prediction_output")}
        pytest.skip(f"a gap in the rule base: no primary-metric rule can fire for {shown}")
    assert len(primary_metrics) == 1, f"{scenario_id}: no primary metric, though a rule could give one"


@pytest.mark.parametrize("scenario_id", SCENARIO_IDS)
def test_every_scenario_can_be_clarified(scenario_id: str, bundled_knowledge: KnowledgeBase) -> None:
    scenario = find_scenario(scenario_id, bundled_knowledge)
    answers = clarifications(scenario.brief, bundled_knowledge)
    assert len(answers) >= 10
    assert all(item.question.endswith("?") and item.answer for item in answers)
    assert len({item.fact for item in answers}) == len(answers)


def test_clarifications_use_the_questionnaire_and_choice_labels(bundled_knowledge: KnowledgeBase) -> None:
    scenario = find_scenario("fraud", bundled_knowledge)
    by_fact = {item.fact: item for item in clarifications(scenario.brief, bundled_knowledge)}
    task_type = bundled_knowledge.question_for_fact("problem.task_type")
    assert task_type is not None
    assert by_fact["problem.task_type"].question == task_type.prompt
    assert by_fact["problem.task_type"].answer == task_type.choice_label("binary_classification")
    assert by_fact["data.positive_share"].answer == "0.2 %"
    assert by_fact["costs.false_negative_cost"].answer == "120 USD per prediction"
    jurisdictions = bundled_knowledge.question_for_fact("legal.jurisdictions")
    labels = [jurisdictions.choice_label(value) for value in ("us", "eu")] if jurisdictions else ["us", "eu"]
    expected = ", ".join(labels) if jurisdictions and jurisdictions.choices else "US, EU"
    assert by_fact["legal.jurisdictions"].answer == expected
    assert by_fact["data.rows"].answer.startswith("2,000,000")
    assert by_fact["data.temporal"].answer == "yes"
    assert "problem.name" not in by_fact  # the title says it already


def test_every_catalog_item_has_a_concept_entry(bundled_knowledge: KnowledgeBase, concepts: ConceptBook) -> None:
    missing = [key for key in bundled_knowledge.catalog.item_keys() if not concepts.has(key)]
    assert not missing, f"add these to rules/scenarios/concepts.yaml: {missing}"


def test_every_derived_value_has_a_concept_entry(bundled_knowledge: KnowledgeBase, concepts: ConceptBook) -> None:
    keys = []
    for name, fact in bundled_knowledge.derived.items():
        if fact.type == "bool":
            keys.append(f"derived:{name}")
        keys.extend(f"derived:{name}={value}" for value in fact.values)
    assert [key for key in keys if not concepts.has(key)] == []


def test_concept_keys_are_well_formed(bundled_knowledge: KnowledgeBase, concepts: ConceptBook) -> None:
    # A key may run ahead of the catalog (items a growing rule base is about to use), but it must be a valid
    # category:item; a misspelt key of an existing item shows up as that item lacking an entry (the test above).
    for key in unknown_concept_keys(concepts, bundled_knowledge):
        category, _, item = key.partition(":")
        name = item.partition("=")[0]
        assert category in {*Category.__members__, "derived"} and re.fullmatch(r"[a-z0-9_]+", name), key


def test_an_item_without_an_entry_falls_back_to_its_catalog_label(bundled_knowledge: KnowledgeBase) -> None:
    empty = ConceptBook()
    assert empty.phrases_for("metric:pr_auc", bundled_knowledge)[:2] == ("PR-AUC", "average precision")
    assert empty.phrases_for("derived:serving_mode=online", bundled_knowledge) == ("online",)


def test_unknown_scenario_suggests_the_closest(bundled_knowledge: KnowledgeBase) -> None:
    with pytest.raises(UsageError, match="no scenario 'frod'") as raised:
        find_scenario("frod", bundled_knowledge)
    assert "did you mean 'fraud'?" in raised.value.message


def _copy_rule_base(tmp_path: Path) -> Path:
    import shutil

    root = tmp_path / "rules"
    shutil.copytree(bundled_rules(), root)
    return root


def test_a_bad_scenario_brief_names_file_line_and_field(tmp_path: Path) -> None:
    root = _copy_rule_base(tmp_path)
    path = root / "scenarios" / "broken.yaml"
    path.write_text("title: Broken\nprompt: A scenario whose brief has a typo in it.\nbrief:\n  data:\n    rowz: 5\n")
    knowledge = load_knowledge(root)
    with pytest.raises(InputError) as raised:
        load_scenario(path, knowledge)
    assert "broken.yaml: line 5, field data.rowz" in raised.value.message
    assert "did you mean 'rows'?" in raised.value.message


def test_a_bad_concepts_file_is_reported(tmp_path: Path) -> None:
    root = _copy_rule_base(tmp_path)
    (root / "scenarios" / "concepts.yaml").write_text("concepts:\n  metric:pr_auc: []\n")
    with pytest.raises(InputError, match=r"concepts.yaml:2: metric:pr_auc: expected a non-empty list"):
        load_concepts(load_knowledge(root))


def test_scenarios_load_in_file_order(bundled_knowledge: KnowledgeBase) -> None:
    assert [scenario.id for scenario in load_scenarios(bundled_knowledge)] == SCENARIO_IDS


def test_scenarios_do_not_change_the_rule_base_fingerprint(tmp_path: Path) -> None:
    from advisor.report.fingerprint import rule_base_fingerprint

    root = _copy_rule_base(tmp_path)
    before = rule_base_fingerprint(root)
    (root / "scenarios" / "extra.yaml").write_text("title: Extra\n")
    assert rule_base_fingerprint(root) == before  # practice material: reports stay fresh
    (root / "extra_rules.yaml").write_text("rules: []\n")
    assert rule_base_fingerprint(root) != before
