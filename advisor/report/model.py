"""The design report as data: what every output format (Markdown, HTML, JSON) renders.

Built once from the brief, the advice and (optionally) the data analysis; the templates only lay it out, so the three
formats always say the same thing.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from advisor.advice import Conflict, Exclusion, Recommendation, Risk
from advisor.enums import Step


class ReportModel(BaseModel):
    model_config = ConfigDict(frozen=True, use_enum_values=True)


class Generator(ReportModel):
    """What produced the report: enough to tell whether a stored report is stale."""

    advisor_version: str
    rule_base: str = Field(description="Fingerprint of the rule base (hash of its files).")
    rules: int = Field(description="Number of rules in the rule base.")
    seed: int
    libraries: dict[str, str] = Field(
        default_factory=dict, description="Versions of the libraries that measured the data (empty without data)."
    )


class Answer(ReportModel):
    """One answer of the brief, as the person gave it."""

    step: Step
    fact: str
    question: str
    answer: str
    measured: bool = Field(default=False, description="Not answered: measured on the data.")


class Summary(ReportModel):
    """The one-page summary at the top of the report."""

    goal: str | None
    target: str | None
    task: str | None
    primary_metric: str | None
    baseline_to_beat: str | None
    model_families: list[str]
    serving_mode: str | None
    top_risks: list[str]
    legal_flags: list[str]
    data_contradictions: list[str] = Field(default_factory=list)
    protected_attributes: str | None = Field(
        default=None, description="Protected columns found in the data: in or out of the features, and the cost."
    )
    data_warnings: list[str] = Field(
        default_factory=list, description="What the baselines found too good to be true, or shifted between splits."
    )


class StepSection(ReportModel):
    """One workflow step: what to do, what not to do, what can go wrong, the to-dos and the open questions."""

    step: Step
    title: str
    recommendations: list[Recommendation]
    exclusions: list[Exclusion]
    risks: list[Risk]
    checklist: list[str]
    open_questions: list[str]

    # One rule that recommends several items gives them one title and one reason: the report shows them as one entry
    # ("Log loss (primary), Calibration error (recommended): Score probabilities with log loss"), never side by side.
    @property
    def recommendation_groups(self) -> list[list[Recommendation]]:
        return by_rule(self.recommendations)

    @property
    def exclusion_groups(self) -> list[list[Exclusion]]:
        return by_rule(self.exclusions)

    @property
    def risk_groups(self) -> list[list[Risk]]:
        return by_rule(self.risks)


Grouped = TypeVar("Grouped", Recommendation, Exclusion, Risk)


def by_rule(items: list[Grouped]) -> list[list[Grouped]]:
    """Items grouped by the rule that leads them, in the order each rule first appears."""
    groups: dict[str, list[Grouped]] = {}
    for item in items:
        groups.setdefault(item.rule, []).append(item)
    return list(groups.values())


class Reference(ReportModel):
    """One entry of the References section: a bibliography entry the report's advice cites."""

    number: int
    key: str = Field(description="The bibliography key (rules/sources.yaml) rules cite it by.")
    title: str
    author: str
    year: int | None = None
    url: str | None = None
    note: str | None = None
    anchor: str = Field(description="The id of the entry's heading in Markdown and HTML.")


class CitedSource(ReportModel):
    """One citation of an item as shown: a link to its reference and where in the source, or the text as written."""

    text: str
    number: int | None = None
    anchor: str | None = None
    locator: str | None = None


class DesignReport(ReportModel):
    title: str
    generator: Generator
    summary: Summary
    answers: list[Answer]
    steps: list[StepSection]
    conflicts: list[Conflict]
    references: list[Reference] = Field(default_factory=list, description="Every source the advice cites.")
    data: dict[str, Any] | None = Field(default=None, description="The data analysis (profile, baseline), if any.")
    data_markdown: str | None = Field(default=None, description="The data section, rendered by the data layer.")

    def citations(self, sources: list[str]) -> list[CitedSource]:
        """An item's sources resolved against the References, for the templates."""
        from advisor.report.references import cite

        return cite(sources, self.references)

    # Rendering lives in advisor.report.render, which imports this module: imported when called.
    def markdown(self) -> str:
        from advisor.report.render import render_markdown

        return render_markdown(self)

    def html(self) -> str:
        from advisor.report.render import render_html

        return render_html(self)

    def json_text(self) -> str:
        from advisor.report.render import render_json

        return render_json(self)

    def _repr_markdown_(self) -> str:
        """Jupyter shows the report itself, not the model's fields."""
        return self.markdown()
