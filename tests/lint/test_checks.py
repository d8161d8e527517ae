"""Each linter check catches its deliberately broken fixture (tests/fixtures/lint/<check>/); the real rules pass."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from advisor.lint import Finding, lint_knowledge

LINT_FIXTURES = Path(__file__).parent.parent / "fixtures" / "lint"


def rule_base(name: str, tmp_path: Path) -> Path:
    """The shared base rule base with the fixture's files laid over it."""
    target = tmp_path / name
    shutil.copytree(LINT_FIXTURES / "_base", target)
    shutil.copytree(LINT_FIXTURES / name, target, dirs_exist_ok=True)
    return target


def findings(name: str, tmp_path: Path, check: str) -> list[Finding]:
    report = lint_knowledge(rule_base(name, tmp_path))
    return [finding for finding in report.findings if finding.check == check]


# (fixture, check, severity, words the message must contain, expected hint or None)
EXPECTED = [
    ("schema_unknown_fact", "schema", "error", "unknown fact 'data.rowz'", "did you mean 'data.rows'?"),
    ("schema_enum_value", "schema", "error", "not a valid value of problem.task_type", "did you mean 'regression'?"),
    ("schema_missing_rationale", "schema", "error", "missing required field", None),
    ("schema_missing_sources", "schema", "error", "must not be empty", None),
    ("schema_duplicate_id", "schema", "error", "duplicate rule id 'same.id'", None),
    ("contradiction", "contradiction", "error", "self-contradictory", None),
    ("unreachable", "unreachable", "error", "no rule asserts derived.mode = y", None),
    ("duplicate", "duplicate", "error", "duplicates rule twin.one", None),
    ("subsumed", "subsumed", "error", "subsumed by rule broad", None),
    ("conflict", "conflict", "error", "excludes, at the same priority", None),
    ("conflict_primary", "conflict", "error", "primary", None),
    ("cycle", "cycle", "error", "derived.flag -> derived.mode -> derived.flag", None),
    ("dead_end", "dead_end", "warning", "asserted but no rule reads it", None),
    ("gaps", "gaps", "error", "no primary metric when problem.task_type = clustering", None),
    ("golden_case", "golden_case", "error", "expected metric:m2 to be primary, got metric:m1", None),
    ("seed_coverage", "seed_coverage", "error", "maps to no question and no rule", None),
    ("source_unknown", "source", "error", "unknown source 'knwn-source'", "did you mean 'known-source'?"),
    ("near_duplicate", "near_duplicate", "warning", "near-identical to the rule title of rule costs.threshold", None),
]


@pytest.mark.parametrize(("fixture", "check", "severity", "words", "hint"), EXPECTED, ids=[e[0] for e in EXPECTED])
def test_check_catches_its_fixture(
    fixture: str, check: str, severity: str, words: str, hint: str | None, tmp_path: Path
) -> None:
    found = findings(fixture, tmp_path, check)
    matching = [finding for finding in found if words in finding.message and finding.severity == severity]
    assert matching, f"{check} did not report '{words}': {[f.render() for f in found]}"
    if hint is not None:
        assert matching[0].hint == hint


def test_schema_errors_name_file_line_rule_and_field(tmp_path: Path) -> None:
    (finding,) = findings("schema_unknown_fact", tmp_path, "schema")
    assert finding.file is not None and finding.file.endswith("rules.yaml")
    assert finding.line == 2
    assert finding.item == "rule bad.fact"
    assert finding.field == "when.fact"


def test_unknown_source_names_the_sources_line_and_the_citation(tmp_path: Path) -> None:
    (finding,) = findings("source_unknown", tmp_path, "source")
    assert finding.file is not None and finding.file.endswith("rules.yaml")
    assert finding.line == 7
    assert (finding.item, finding.field) == ("rule cites.typo", "sources[1]")


def test_near_duplicates_are_only_pairs_that_can_meet_in_one_report(tmp_path: Path) -> None:
    found = findings("near_duplicate", tmp_path, "near_duplicate")
    # costs.never_together repeats the title word for word but cannot fire with costs.threshold (rows < 5 vs > 10).
    assert [finding.item for finding in found] == ["rule costs.threshold_again"]
    assert found[0].line is not None and found[0].file is not None and found[0].file.endswith("rules.yaml")


def test_subsumed_rule_is_the_narrow_one(tmp_path: Path) -> None:
    (finding,) = findings("subsumed", tmp_path, "subsumed")
    assert finding.item == "rule narrow"


def test_dead_end_reports_unasked_fact(tmp_path: Path) -> None:
    messages = [finding.message for finding in findings("dead_end", tmp_path, "dead_end")]
    assert "serving.latency_ms is read by rules but no question asks it" in messages
    assert "derived fact derived.flag is declared but no rule asserts it" in messages


def test_seed_coverage_flags_items_carried_only_by_untested_rules(tmp_path: Path) -> None:
    messages = [finding.message for finding in findings("seed_coverage", tmp_path, "seed_coverage")]
    assert "maps only to rules that no golden case fires" in messages


def test_clean_base_has_no_errors(tmp_path: Path) -> None:
    base = tmp_path / "base"
    shutil.copytree(LINT_FIXTURES / "_base", base)
    (base / "derived.yaml").unlink()  # its facts would be dead ends without rules that assert them
    (base / "rules.yaml").write_text(
        "rules:\n  - id: ok.rule\n    step: metrics\n    title: Metric one for regression\n"
        "    when: {fact: problem.task_type, op: eq, value: regression}\n"
        "    then: [{recommend: {category: metric, item: m1}}]\n"
        "    because: A single well-formed rule.\n    sources: [fixture]\n"
    )
    assert lint_knowledge(base).errors == []


def test_bundled_rule_base_passes() -> None:
    report = lint_knowledge()
    assert report.errors == [], "\n".join(finding.render() for finding in report.errors)
    assert report.rules > 0 and report.cases > 0


def test_a_small_bound_on_a_strictly_positive_fact_is_satisfiable(tmp_path: Path) -> None:
    # latency_ms must be > 0: the solver has to try a point inside (0, 30), not only 30 - 30 = 0.
    root = tmp_path / "kb"
    shutil.copytree(LINT_FIXTURES / "_base", root)
    (root / "rules.yaml").write_text(
        "rules:\n"
        "  - id: tight.latency\n"
        "    step: models\n"
        "    title: A tight latency budget\n"
        "    when: {fact: serving.latency_ms, op: lt, value: 30}\n"
        "    then: [{recommend: {category: model_family, item: f1}}]\n"
        "    because: Fires below thirty milliseconds.\n"
        "    sources: [fixture]\n"
    )
    report = lint_knowledge(root)
    assert not [finding for finding in report.findings if finding.check in {"contradiction", "unreachable"}]
