"""ML Design Advisor: a rule-and-checklist expert system for the end-to-end machine-learning workflow.

The Python API mirrors the commands:

    import advisor
    knowledge = advisor.load_knowledge()            # the bundled rule base (or a folder of your own)
    brief = advisor.load_brief("answers.yaml")      # the project's answers
    advice = advisor.advise(brief, knowledge)       # recommendations, checklist, open questions, trace
    report = advisor.render(brief)                  # the design report: .markdown(), .html(), .json_text()
    data = advisor.baseline("data.csv", target="churn", brief=brief)   # profile + baselines (pandas, sklearn)

Names are imported lazily so that `import advisor` stays light (no pandas or scikit-learn until data is touched).
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "Brief": "advisor.brief",
    "Advice": "advisor.advice",
    "KnowledgeBase": "advisor.knowledge",
    "load_knowledge": "advisor.knowledge",
    "load_brief": "advisor.answers",
    "advise": "advisor.engine",
    "render": "advisor.report",
    "profile": "advisor.data.api",
    "baseline": "advisor.data.api",
    "write_report": "advisor.report",
}

__all__ = [
    "Advice",
    "Brief",
    "KnowledgeBase",
    "advise",
    "baseline",
    "load_brief",
    "load_knowledge",
    "profile",
    "render",
    "write_report",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'advisor' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
