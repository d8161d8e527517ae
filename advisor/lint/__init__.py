"""The knowledge-base linter: `advisor rules lint`.

Checks, each named in its findings: schema (what the loader rejects: unknown facts, wrong types, illegal enum
values, duplicate ids, missing rationale or sources), source (a citation not in sources.yaml), contradiction,
unreachable, duplicate, subsumed, conflict, cycle, dead_end, near_duplicate, gaps, golden_case, seed_coverage.
Errors fail the command (exit code 2); warnings do not.
"""

from __future__ import annotations

from pathlib import Path

from advisor.knowledge.bibliography import UnknownSource
from advisor.lint.conflicts import check_conflicts
from advisor.lint.coverage import check_seed_coverage, fired_by_cases
from advisor.lint.findings import Finding, LintReport
from advisor.lint.gaps import check_gaps
from advisor.lint.graph import check_cycles, check_dead_ends
from advisor.lint.logic import check_reachability, check_redundancy
from advisor.lint.near_duplicates import check_near_duplicates
from advisor.lint.satisfiability import Solver

__all__ = ["Finding", "LintReport", "lint_knowledge"]


def lint_knowledge(root: Path | str | None = None) -> LintReport:
    """Load the rule base in `root` (the bundled one by default) and run every check on it."""
    from advisor.knowledge.load import inspect_knowledge

    knowledge, problems = inspect_knowledge(root)
    report = LintReport(
        root=knowledge.root,
        rules=len(knowledge.rules),
        questions=len(knowledge.questions),
        cases=len(knowledge.cases),
    )
    for problem in problems:
        report.add(Finding.from_error(problem, "source" if isinstance(problem, UnknownSource) else "schema"))
    broken = {
        problem.item.removeprefix("rule ") for problem in problems if problem.item and problem.item.startswith("rule ")
    }
    solver = Solver(knowledge.facts, knowledge.rules, broken)
    for finding in [
        *check_reachability(knowledge, solver),
        *check_redundancy(knowledge, solver),
        *check_conflicts(knowledge, solver),
        *check_cycles(knowledge),
        *check_dead_ends(knowledge),
        *check_near_duplicates(knowledge, solver),
    ]:
        report.add(finding)
    cycles = any(finding.check == "cycle" for finding in report.findings)
    fired, case_findings = fired_by_cases(knowledge) if not cycles else (set(), [])
    report.rules_fired_by_cases = len(fired)
    report.unfired_rules = sorted(rule.id for rule in knowledge.rules if rule.id not in fired)
    for finding in [*case_findings, *check_seed_coverage(knowledge, fired)]:
        report.add(finding)
    if not cycles:
        gap_findings, combinations = check_gaps(knowledge)
        report.combinations_checked = combinations
        for finding in gap_findings:
            report.add(finding)
    return report
