"""Answers as people give them, on the bundled questionnaire: "none" where none is a real answer, a yes/no before
the free-text details, units and currencies typed with the number, and the currency shown as itself.

The flow tests use the real flow, state and rule base with a scripted prompter; the last test drives the real
command in a pseudo-terminal, resumed from a brief so that only these questions are left."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from advisor.brief.model import Brief
from advisor.inference.engine import advise
from advisor.interview.console import Console
from advisor.interview.flow import run_interview
from advisor.interview.replies import Answer, Reply, Skip, Typed
from advisor.interview.state import InterviewState
from advisor.interview.values import NONE_PICKED, AnswerRejected, read_typed
from advisor.knowledge.base import KnowledgeBase

from .scripted import ScriptedPrompter
from .terminal import REPO, Terminal

FRAUD = REPO / "examples" / "fraud" / "answers.yaml"
# Left out of the fraud brief, so these are what the interview asks.
OPEN = {"costs": ["false_positive_cost", "false_negative_cost", "currency"]}
SKIPPED = ["target_column", "group_fairness_required", "volume_gb"]


def partial_fraud() -> dict[str, Any]:
    raw = yaml.safe_load(FRAUD.read_text(encoding="utf-8"))
    for section, names in OPEN.items():
        for name in names:
            raw[section].pop(name)
    # Questions the example brief predates: answered here so that only the questions under test are left.
    raw["problem"].setdefault("use_case", "fraud_detection")
    raw["data"].setdefault("label_source", "observed_outcome")
    raw["skipped"] = SKIPPED
    return raw


def run(
    knowledge: KnowledgeBase, replies: list[Reply | bool], capsys: pytest.CaptureFixture[str]
) -> tuple[Brief, ScriptedPrompter, str]:
    prompter = ScriptedPrompter(replies)
    state = InterviewState(Brief.model_validate(partial_fraud()), knowledge)
    brief = run_interview(state, prompter, Console(color=False))
    assert prompter.replies == []
    return brief, prompter, " ".join(capsys.readouterr().out.split())  # the console wraps at 78 columns


@pytest.mark.parametrize(
    ("question_id", "text", "value", "extra"),
    [
        ("false_positive_cost", "0.5 EUR", 0.5, {"costs.currency": "EUR"}),
        ("false_positive_cost", "€0.5", 0.5, {"costs.currency": "EUR"}),
        ("false_positive_cost", "USD 120", 120.0, {"costs.currency": "USD"}),
        ("false_positive_cost", "1,500 gbp per prediction", 1500.0, {"costs.currency": "GBP"}),
        ("false_positive_cost", "5", 5.0, {}),
        ("latency_ms", "100 ms", 100.0, {}),
        ("latency_ms", "100ms", 100.0, {}),
        ("latency_ms", "100 milliseconds", 100.0, {}),
        ("positive_share", "30%", 0.3, {}),
        ("positive_share", "0.3", 0.3, {}),
        ("baseline_value", "92%", 0.92, {}),
        ("training_hours", "2 h", 2.0, {}),
        ("rows", "12k rows", 12000, {}),
        ("currency", "eur", "EUR", {}),
        ("currency", "€", "EUR", {}),
        ("protected_columns", "none", [], {}),
        ("protected_columns", "age, sex", ["age", "sex"], {}),
    ],
)
def test_units_and_currencies_are_read_consistently(
    bundled_knowledge: KnowledgeBase, question_id: str, text: str, value: Any, extra: dict[str, Any]
) -> None:
    question = bundled_knowledge.question(question_id)
    assert question is not None
    reading = read_typed(question, text)
    assert reading.value == pytest.approx(value) if isinstance(value, float) else reading.value == value
    assert reading.extra == extra


@pytest.mark.parametrize(
    ("question_id", "text", "reason"),
    [
        ("latency_ms", "30%", "a percentage only fits a share or a metric"),
        ("rows", "5%", "a percentage only fits a share or a metric"),
    ],
)
def test_a_unit_that_does_not_fit_is_refused_with_the_reason(
    bundled_knowledge: KnowledgeBase, question_id: str, text: str, reason: str
) -> None:
    question = bundled_knowledge.question(question_id)
    assert question is not None
    with pytest.raises(AnswerRejected, match=reason):
        read_typed(question, text)


def test_a_second_currency_is_refused(bundled_knowledge: KnowledgeBase) -> None:
    question = bundled_knowledge.question("false_negative_cost")
    assert question is not None
    with pytest.raises(AnswerRejected, match="the costs are in EUR"):
        read_typed(question, "20 USD", Brief.model_validate({"costs": {"currency": "EUR"}}))


def test_none_no_and_a_cost_in_euros_through_the_flow(
    bundled_knowledge: KnowledgeBase, capsys: pytest.CaptureFixture[str]
) -> None:
    brief, prompter, out = run(
        bundled_knowledge,
        [
            Typed("0.5 EUR"),  # the currency is recorded with the cost: its own question is not asked
            Typed("20 usd"),  # another currency: refused, asked again
            Typed("20"),
            Answer([]),  # nothing ticked: asked again, naming the "none" answer
            Answer([NONE_PICKED, "age"]),  # none and an attribute: refused
            Answer([NONE_PICKED]),
            Answer(False),  # no ethical concerns: the free-text question is not asked
            True,
        ],
        capsys,
    )
    assert prompter.asked_ids == [
        "false_positive_cost", "false_negative_cost", "false_negative_cost",
        "protected_attributes", "protected_attributes", "protected_attributes", "ethical_concerns_raised",
    ]  # fmt: skip
    assert "the costs are in EUR; type this one in EUR too" in out
    assert "tick at least one option, 'None of these', or tick 'skip / don't know'" in out
    assert brief.costs.false_positive_cost == 0.5 and brief.costs.currency == "EUR"
    assert brief.legal.protected_attributes == [] and brief.legal.ethical_concerns_raised is False
    assert "protected_attributes" not in brief.skipped
    assert "0.5 EUR per prediction" in out and "None of these" in out  # the summary
    fired = {firing.rule for firing in advise(brief, bundled_knowledge).firings}
    assert "legal.ethical_concerns" not in fired


def test_yes_to_ethical_concerns_asks_for_them(
    bundled_knowledge: KnowledgeBase, capsys: pytest.CaptureFixture[str]
) -> None:
    brief, prompter, _ = run(
        bundled_knowledge,
        [Skip(), Skip(), Answer(["age"]), Skip(), Answer(True), Typed("Declines may hit young people"), True],
        capsys,
    )
    assert prompter.asked_ids[-3:] == ["protected_columns", "ethical_concerns_raised", "ethical_concerns"]
    assert brief.legal.ethical_concerns == "Declines may hit young people"
    assert "legal.ethical_concerns" in {firing.rule for firing in advise(brief, bundled_knowledge).firings}


def test_the_same_in_a_real_terminal(tmp_path: Path) -> None:
    partial = tmp_path / "answers.partial.yaml"
    partial.write_text(yaml.safe_dump(partial_fraud(), sort_keys=False), encoding="utf-8")
    out = tmp_path / "out"
    term = Terminal("--resume", str(partial), "--out", str(out), cwd=tmp_path)
    term.expect("What does one false positive cost")
    term.type("0.5 EUR")
    term.expect("What does one false negative cost")
    term.type("20")
    term.expect("Which protected attributes are present in the data?")
    term.child.send("\x1b[A" * 5)  # up from the first option wraps round to the commands, then to "None of these"
    term.child.send(" ")
    term.type("")
    term.expect("Has anyone raised ethical concerns")
    term.pick("2")  # No
    summary = term.expect("All done?")
    assert "0.5 EUR per prediction" in summary and "None of these" in summary
    term.pick("y")
    term.expect("design.json")
    assert term.exit_code() == 0
    answers = yaml.safe_load((out / "answers.yaml").read_text(encoding="utf-8"))
    assert answers["costs"] == {"error_impact": "high", "false_positive_cost": 0.5, "false_negative_cost": 20.0,
                                "currency": "EUR"}  # fmt: skip
    assert answers["legal"]["protected_attributes"] == [] and answers["legal"]["ethical_concerns_raised"] is False
    report = (out / "design.md").read_text(encoding="utf-8")
    assert "0.5 EUR per prediction" in report and "| None of these |" in report
    assert "ethical" not in json.dumps(json.loads((out / "design.json").read_text(encoding="utf-8"))["advice"]).lower()
