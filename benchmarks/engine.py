"""Engine benchmark: rule-base load + lint time, inference per brief, inference with 10,000 generated rules,
and `advisor --help` start-up. Run: `python benchmarks/engine.py`.

Goals (issue 2): <= 20 ms per brief on the real rule base, 10,000 rules in <= 1 s, `advisor --help` <= 0.3 s.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from advisor.brief.model import Brief
from advisor.inference.engine import advise
from advisor.knowledge.base import KnowledgeBase
from advisor.knowledge.conditions import AllOf, AnyOf, Predicate
from advisor.knowledge.derived import DerivedFact
from advisor.knowledge.load import load_knowledge
from advisor.knowledge.rules import Rule
from advisor.lint import lint_knowledge

SEED = 7


def timed(function: Callable[[], object], repeat: int = 1) -> float:
    """Best wall time of `repeat` runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def generated_knowledge(base: KnowledgeBase, count: int, rng: random.Random) -> KnowledgeBase:
    """`count` random rules over the real fact space and catalog, with chains through 200 derived facts."""
    answer_specs = [spec for spec in base.facts.specs.values() if spec.origin == "answer" and spec.kind == "enum"]
    numeric_specs = [spec for spec in base.facts.specs.values() if spec.origin == "answer" and spec.is_numeric]
    derived = {
        f"gen_{index}": DerivedFact(type="bool", description="A generated derived fact.") for index in range(200)
    }
    items = [(category, item) for category in ("metric", "model_family") for item in base.catalog.ids(category)]
    rules = []
    for index in range(count):
        tests: list[Predicate] = []
        for _ in range(rng.randint(1, 4)):
            kind = rng.random()
            if kind < 0.5:
                spec = rng.choice(answer_specs)
                tests.append(Predicate(fact=spec.path, op="eq", value=rng.choice(spec.values)))
            elif kind < 0.8:
                spec = rng.choice(numeric_specs)
                tests.append(
                    Predicate(fact=spec.path, op=rng.choice(["lt", "ge"]), value=rng.choice([1, 10, 50, 1000]))
                )
            else:
                tests.append(Predicate(fact=f"derived.gen_{rng.randrange(200)}", op="eq", value=True))
        when = AllOf(all_of=tests) if rng.random() < 0.7 else AnyOf(any_of=tests)
        category, item = rng.choice(items)
        then: list[dict[str, object]] = [{"recommend": {"category": category, "item": item}}]
        if rng.random() < 0.3:
            target = rng.randrange(200)
            then.append({"assert": {"fact": f"derived.gen_{target}", "value": True}})
        rules.append(
            Rule.model_validate(
                {
                    "id": f"gen.rule_{index:05d}",
                    "step": "models",
                    "title": "A generated rule",
                    "when": when,
                    "then": then,
                    "priority": rng.randint(0, 100),
                    "because": "Generated for the benchmark.",
                    "sources": ["benchmark"],
                }
            )
        )
    space = base.facts.with_derived(fact.spec(name) for name, fact in derived.items())
    return KnowledgeBase(
        root=base.root, rules=tuple(rules), questions=base.questions, catalog=base.catalog, derived=derived, facts=space
    )


def main() -> None:
    rng = random.Random(SEED)
    load_time = timed(load_knowledge, repeat=3)
    lint_time = timed(lint_knowledge, repeat=1)
    knowledge = load_knowledge()
    briefs = [case.brief for case in knowledge.cases]
    per_brief = [timed(lambda brief=brief: advise(brief, knowledge), repeat=20) for brief in briefs]

    big = generated_knowledge(knowledge, 10_000, rng)
    compile_time = timed(lambda: big.compiled)
    answers = {
        "problem": {"task_type": "binary_classification", "domain": "general"},
        "data": {"rows": 5000, "imbalance": "severe"},
        "serving": {"latency_ms": 20.0},
    }
    big_brief = Brief.model_validate(answers)
    big_advice = advise(big_brief, big)
    big_time = timed(lambda: advise(big_brief, big), repeat=5)

    help_runs = []
    for _ in range(10):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "advisor", "--help"], check=True, capture_output=True)
        help_runs.append(time.perf_counter() - start)

    rows = [
        (
            "rule base",
            f"{len(knowledge.rules)} rules, {len(knowledge.questions)} questions, {len(knowledge.cases)} golden cases",
            "",
        ),
        ("load + validate", f"{load_time * 1000:.0f} ms", ""),
        ("lint (all checks)", f"{lint_time:.2f} s", ""),
        (
            "inference per brief",
            f"median {statistics.median(per_brief) * 1000:.2f} ms, max {max(per_brief) * 1000:.2f} ms",
            "goal <= 20 ms",
        ),
        (
            "10,000 generated rules",
            f"{big_time * 1000:.0f} ms per brief ({len(big_advice.firings)} firings), "
            f"compile {compile_time * 1000:.0f} ms",
            "goal <= 1 s",
        ),
        (
            "advisor --help",
            f"median {statistics.median(help_runs) * 1000:.0f} ms, best {min(help_runs) * 1000:.0f} ms",
            "goal <= 0.3 s",
        ),
    ]
    width = max(len(name) for name, _, _ in rows)
    print(f"engine benchmark (Python {sys.version.split()[0]}, {Path(sys.executable).name})")
    for name, value, goal in rows:
        print(f"  {name:<{width}}  {value}{'   (' + goal + ')' if goal else ''}")


if __name__ == "__main__":
    main()
