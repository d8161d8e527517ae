"""The design report as data: what every output format (Markdown, HTML, JSON) renders.

Built once from the brief, the advice and (optionally) the data analysis; the templates only lay it out, so the three
formats always say the same thing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from advisor.report.data_sections import DataSections

from advisor.brief.enums import Step
from advisor.inference.advice import Conflict, Exclusion, Recommendation, Risk
from advisor.knowledge.bibliography import Citation


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
    name: str = Field(default="", description="What the fact is about, in a few words (the report's table).")
    question: str
    answer: str
    measured: bool = Field(default=False, description="Not answered: measured on the data.")
    quoted: bool = Field(default=False, description="A rule fired on it: the report's reasons show it already.")
    context: bool = Field(default=False, description="Free text or a 'none' answer: context no choice label gives.")


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


class RiskLine(ReportModel):
    """A top risk of the decision record and what the advice says to do about it."""

    label: str
    severity: str
    mitigation: str
    checklist: bool = Field(default=False, description="The mitigation is a checklist item (shown here, not twice).")


class FirstStep(ReportModel):
    """One of the first things to do: a checklist item of a high-priority rule, with its workflow step."""

    step: Step
    text: str
    rule: str


class DecisionRecord(ReportModel):
    """The one-page decision record that opens the report: every line read from the advice and the brief."""

    problem: str
    primary_metric: str | None
    business_metric: str | None = Field(description="The measure the business judges success by, and its bar.")
    operating_point: list[str] = Field(default_factory=list, description="What the business can afford to act on.")
    model_families: list[str] = Field(description="The families to try, in order.")
    serving: str
    serving_budget: list[str] = Field(default_factory=list, description="Latency, size, throughput and cost limits.")
    risks: list[RiskLine] = Field(default_factory=list)
    first_steps: list[FirstStep] = Field(default_factory=list)

    @property
    def shown_checklist(self) -> set[str]:
        """The checklist items the record shows (first steps, mitigations): the step sections do not repeat them."""
        return {step.text for step in self.first_steps} | {risk.mitigation for risk in self.risks if risk.checklist}


class Milestone(ReportModel):
    """One stage of the "what's next" plan, with the advice it carries out and its exit criterion."""

    name: str
    work: str
    exit: str
    status: str | None = Field(default=None, description="What the data analysis already measured, if anything.")


class Reached(ReportModel):
    """How one rule's advice was reached, in words: the appendix entry and the JSON's `reached_by`."""

    rule: str
    step: Step
    labels: list[str]
    because: list[str]
    sources: list[str]


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

    @property
    def short_title(self) -> str:
        return short_title(self.title)


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
    decision: DecisionRecord
    milestones: list[Milestone] = Field(default_factory=list)
    reached: list[Reached] = Field(default_factory=list, description="How each rule's advice was reached, in words.")
    answers: list[Answer]
    steps: list[StepSection]
    conflicts: list[Conflict]
    references: list[Reference] = Field(default_factory=list, description="Every source the advice cites.")
    data: dict[str, Any] | None = Field(default=None, description="The data analysis (profile, baseline), if any.")
    data_markdown: str | None = Field(default=None, description="The data section, rendered by the data layer.")

    @property
    def data_sections(self) -> DataSections:
        """The data section split into what the body shows and what the appendix holds."""
        from advisor.report.data_sections import split_data_markdown

        return split_data_markdown(self.data_markdown, self.data)

    def reached_for(self, rule: str) -> Reached | None:
        return next((entry for entry in self.reached if entry.rule == rule), None)

    def citations(self, sources: list[str]) -> list[CitedSource]:
        """An item's sources resolved against the References, for the templates."""
        return cite(sources, self.references)


def short_title(title: str) -> str:
    """The title before its subtitle ("Rules of Machine Learning"): the report's heading; JSON keeps the whole."""
    head = title.split(": ", maxsplit=1)[0]
    return head if len(head.split()) >= 2 else title


def cite(sources: list[str], references: list[Reference]) -> list[CitedSource]:
    """A rule's citations, each resolved to its reference (or left as written when the rule base has none)."""
    by_key = {reference.key: reference for reference in references}
    cited: list[CitedSource] = []
    for text in sources:
        citation = Citation.parse(text)
        reference = by_key.get(citation.key)
        if reference is None:
            cited.append(CitedSource(text=text))
        else:
            cited.append(
                CitedSource(text=text, number=reference.number, anchor=reference.anchor, locator=citation.locator)
            )
    return cited
