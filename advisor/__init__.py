"""ML Design Advisor: a rule-and-checklist expert system for the end-to-end machine-learning workflow.

The Python API mirrors the commands (docs/api.md has every call; the README's Python section is this example):

    import advisor

    brief = advisor.load_brief("examples/churn/answers.yaml")
    advice = advisor.advise(brief)                                   # recommendations, checklist, open questions
    analysis = advisor.baseline("examples/churn/data.csv", brief=brief)   # profile + baselines, as `advisor baseline`
    report = advisor.render(brief, data=analysis)                    # .markdown(), .html(), .json_text()
    advisor.write_report(brief, "churn-report", data="examples/churn/data.csv")   # design.md/html/json, plots

Every call takes `knowledge=` (the bundled rule base when not given: `advisor.load_knowledge(DIR)` for your own) and
`data=` in one way: a file, an `advisor.DataRequest`, or what `advisor.profile` / `advisor.baseline` returned for the
same brief. Names are imported lazily so that `import advisor` stays light (no pandas or scikit-learn until data is
touched).
"""

from __future__ import annotations

from advisor.util.lazy import lazy_attributes

__version__ = "0.1.0"

_EXPORTS = {
    "Brief": "advisor.brief.model",
    "Advice": "advisor.inference.advice",
    "KnowledgeBase": "advisor.knowledge.base",
    "DataRequest": "advisor.report.pipeline",
    "DataAnalysis": "advisor.data.models",
    "DesignDocument": "advisor.report.document",
    "DesignReport": "advisor.report.model",
    "ReportResult": "advisor.report.pipeline",
    "AdvisorError": "advisor.errors",
    "InputError": "advisor.errors",
    "load_knowledge": "advisor.knowledge.load",
    "load_brief": "advisor.brief.answers",
    "advise": "advisor.report.api",
    "render": "advisor.report.api",
    "write_report": "advisor.report.api",
    "profile": "advisor.data.api",
    "baseline": "advisor.data.api",
}

__all__ = [
    "Advice",
    "AdvisorError",
    "Brief",
    "DataAnalysis",
    "DataRequest",
    "DesignDocument",
    "DesignReport",
    "InputError",
    "KnowledgeBase",
    "ReportResult",
    "advise",
    "baseline",
    "load_brief",
    "load_knowledge",
    "profile",
    "render",
    "write_report",
]


__getattr__ = lazy_attributes(__name__, _EXPORTS)


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
