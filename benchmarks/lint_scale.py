"""Linter scale benchmark: `advisor rules lint` on the bundled rule base grown to N rules with generated ones.

    python benchmarks/lint_scale.py [N ...] [--cited] [--dump DIR]   # default: 1270 10000

`--dump DIR` writes every finding to DIR/findings-N.json and DIR/findings-bundled.json (paths relative to the rule
folder): run it on two checkouts and compare the files to show that a change to the linter finds the same things.

The generated rules are written as YAML beside a copy of the bundled files (so loading is measured too): random
conditions over the real answer facts (enum equalities, numeric thresholds) and 200 generated derived facts that
chain rules together, recommending real catalog items. Goal (issue 13): 10,000 rules linted in under a minute.
The generated rules cite a source that sources.yaml lacks, so the logical checks skip them as broken; `--cited` adds
that source, and every generated rule is then valid (thresholds lie inside each fact's range): the redundancy,
conflict and near-duplicate checks reason about every one of them
(the generated rules share one title: one near-duplicate warning lists them).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sys
import tempfile
import time
from dataclasses import astuple
from pathlib import Path

import yaml

from advisor.knowledge.load import inspect_knowledge, load_knowledge
from advisor.lint import LintReport, lint_knowledge
from advisor.lint.blocking import blocking_findings
from advisor.util.resources import bundled_rules

SEED = 7
DERIVED = 200


def grow(folder: Path, total: int, rng: random.Random, *, cited: bool = False) -> int:
    """Copy the bundled rule base into `folder` and add generated rules up to `total`; return how many were added.

    With `cited`, the generated rules' source is in sources.yaml: they are then sound rules that the redundancy,
    conflict and near-duplicate checks reason about (otherwise those checks skip them as broken)."""
    base = load_knowledge()
    shutil.copytree(bundled_rules(), folder, dirs_exist_ok=True)
    count = max(0, total - len(base.rules))
    enums = [spec for spec in base.facts.specs.values() if spec.origin == "answer" and spec.kind == "enum"]
    numbers = [spec for spec in base.facts.specs.values() if spec.origin == "answer" and spec.is_numeric]
    items = [(category, item) for category in ("metric", "model_family") for item in base.catalog.ids(category)]
    # Thresholds inside each fact's range (a share is between 0 and 1): a value outside it is a schema error.
    thresholds = {spec.path: _thresholds(spec.minimum, spec.maximum) for spec in numbers}
    derived = yaml.safe_load((folder / "derived.yaml").read_text(encoding="utf-8"))
    for index in range(DERIVED):
        derived["derived"][f"gen_{index}"] = {"type": "bool", "description": "A generated derived fact."}
    (folder / "derived.yaml").write_text(yaml.safe_dump(derived, sort_keys=False), encoding="utf-8")
    if cited:
        sources = yaml.safe_load((folder / "sources.yaml").read_text(encoding="utf-8"))
        sources["sources"]["benchmark"] = {"title": "Generated rules", "author": "lint_scale.py", "year": 2026}
        (folder / "sources.yaml").write_text(yaml.safe_dump(sources, sort_keys=False), encoding="utf-8")
    rules = []
    for index in range(count):
        tests: list[dict[str, object]] = []
        for _ in range(rng.randint(1, 4)):
            kind = rng.random()
            if kind < 0.5:
                spec = rng.choice(enums)
                tests.append({"fact": spec.path, "op": "eq", "value": rng.choice(spec.values)})
            elif kind < 0.8:
                spec = rng.choice(numbers)
                tests.append(
                    {"fact": spec.path, "op": rng.choice(["lt", "ge"]), "value": rng.choice(thresholds[spec.path])}
                )
            else:
                tests.append({"fact": f"derived.gen_{rng.randrange(DERIVED)}", "op": "eq", "value": True})
        category, item = rng.choice(items)
        then: list[dict[str, object]] = [{"recommend": {"category": category, "item": item}}]
        used = [int(str(test["fact"]).rsplit("_", 1)[1]) for test in tests if str(test["fact"]).startswith("derived.")]
        if rng.random() < 0.3 and max(used, default=-1) < DERIVED - 1:
            # A rule only asserts a derived fact numbered above those it reads: chains, but never a cycle.
            target = rng.randrange(max(used, default=-1) + 1, DERIVED)
            then.append({"assert": {"fact": f"derived.gen_{target}", "value": True}})
        rules.append(
            {
                "id": f"gen.rule_{index:05d}",
                "title": "A generated rule",
                "priority": rng.randint(0, 100),
                "when": {"all" if rng.random() < 0.7 else "any": tests},
                "then": then,
                "because": "Generated for the benchmark.",
                "sources": ["benchmark"],
            }
        )
    document = {"step": "models", "rules": rules}
    (folder / "generated.yaml").write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return count


def _thresholds(minimum: float | None, maximum: float | None) -> list[float]:
    inside = [
        value
        for value in (1, 10, 50, 1000)
        if (minimum is None or value > minimum) and (maximum is None or value < maximum)
    ]
    if inside:
        return list(inside)
    low, high = minimum if minimum is not None else 0.0, maximum if maximum is not None else 1.0
    return [low + (high - low) * share for share in (0.1, 0.5, 0.9)]


def blocking_time(folder: Path | None) -> tuple[int, float]:
    """What `advisor report` pays for its rule-base check: the fast lint errors (loading not included)."""
    knowledge = load_knowledge() if folder is None else inspect_knowledge(folder)[0]
    start = time.perf_counter()
    blocking_findings(knowledge)
    return len(knowledge.rules), time.perf_counter() - start


def _dump(target: Path, report: LintReport, folder: Path) -> None:
    rows = [[str(part).replace(str(folder), "RULES") for part in astuple(finding)] for finding in report.findings]
    record = {"findings": rows, "combinations": report.combinations_checked, "unfired": report.unfired_rules}
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(record, indent=0), encoding="utf-8")


def main(sizes: list[int]) -> None:
    rules, elapsed = blocking_time(None)
    print(f"{rules:>6} rules (bundled): report's rule-base check {elapsed * 1000:6.0f} ms")
    if "--dump" in sys.argv:
        bundled = lint_knowledge()
        _dump(Path(sys.argv[sys.argv.index("--dump") + 1]) / "findings-bundled.json", bundled, bundled.root)
    for total in sizes:
        with tempfile.TemporaryDirectory() as temporary:
            folder = Path(temporary) / "rules"
            added = grow(folder, total, random.Random(SEED), cited="--cited" in sys.argv)
            start, cpu = time.perf_counter(), time.process_time()
            report = lint_knowledge(folder)
            elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
            counts: dict[str, int] = {}
            for finding in report.findings:
                counts[finding.check] = counts.get(finding.check, 0) + 1
            found = dict(sorted(counts.items()))
            timing = f"lint {elapsed:6.1f} s (CPU {cpu:.1f} s)"
            print(f"{report.rules:>6} rules ({added} generated): {timing}; findings {found}")
            print(f"        load average {' '.join(f'{value:.2f}' for value in os.getloadavg())}")
            rules, check = blocking_time(folder)
            print(f"{rules:>6} rules: report's rule-base check {check:6.1f} s")
            if "--dump" in sys.argv:
                _dump(Path(sys.argv[sys.argv.index("--dump") + 1]) / f"findings-{total}.json", report, folder)
            if "--show-schema" in sys.argv:
                print([finding for finding in report.findings if finding.check == "schema"][:3])


if __name__ == "__main__":
    sizes = [int(arg) for index, arg in enumerate(sys.argv[1:]) if arg.isdigit() and sys.argv[index] != "--dump"]
    main(sizes or [1270, 10_000])
