"""The lint errors that make a rule base unfit to advise: checked before every report, so they must be cheap.

A cycle (inference may not settle), a conflict left to chance (two rules fire together, disagree and share a
priority), a rule that can never fire or one that duplicates another: `advisor report` refuses such a rule base
unless `--unchecked`. These checks take about 30 ms on the bundled rule base (about 20 s on 10,000 generated rules,
`benchmarks/lint_scale.py`); the slow ones (the gap search, the golden cases, seed coverage) judge coverage, not
soundness, and stay in `advisor rules lint`. The result is remembered per loaded rule base for the life of the
process.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from advisor.lint.conflicts import check_conflicts
from advisor.lint.findings import Finding
from advisor.lint.graph import check_cycles
from advisor.lint.logic import check_reachability, check_redundancy
from advisor.lint.satisfiability import Solver

if TYPE_CHECKING:
    from advisor.knowledge.base import KnowledgeBase

_checked: weakref.WeakKeyDictionary[KnowledgeBase, list[Finding]] = weakref.WeakKeyDictionary()


def blocking_findings(knowledge: KnowledgeBase) -> list[Finding]:
    """The errors of the cycle, conflict, reachability and redundancy checks, in the order lint reports them."""
    if knowledge not in _checked:
        solver = Solver(knowledge.facts, knowledge.rules)
        findings = [
            *check_reachability(knowledge, solver),
            *check_redundancy(knowledge, solver),
            *check_conflicts(knowledge, solver),
            *check_cycles(knowledge),
        ]
        _checked[knowledge] = [found for found in findings if found.severity == "error"]
    return _checked[knowledge]
