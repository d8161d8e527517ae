"""What the linter reports: findings with a severity, the check that found them, and where."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from advisor.errors import KnowledgeError

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Finding:
    severity: Severity
    check: str
    message: str
    file: str | None = None
    line: int | None = None
    item: str | None = None
    field: str | None = None
    hint: str | None = None

    @classmethod
    def from_error(cls, error: KnowledgeError, check: str = "schema") -> Finding:
        file = error.file.rsplit(":", 1)[0] if error.file and error.line is not None else error.file
        return cls("error", check, error.problem, file, error.line, error.item, error.field, error.hint)

    def location(self) -> str:
        if self.file is None:
            return ""
        return f"{self.file}:{self.line}" if self.line else self.file

    def render(self) -> str:
        where = self.location()
        subject = ", ".join(part for part in (self.item, f"field {self.field}" if self.field else None) if part)
        text = f"{where}: " if where else ""
        text += f"{self.severity}: "
        text += f"{subject}: " if subject else ""
        text += self.message
        if self.hint:
            text += f" ({self.hint})"
        return f"{text} [{self.check}]"


@dataclass
class LintReport:
    root: Path
    findings: list[Finding] = field(default_factory=list)
    rules: int = 0
    questions: int = 0
    cases: int = 0
    rules_fired_by_cases: int = 0
    combinations_checked: int = 0
    unfired_rules: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def add(self, finding: Finding) -> None:
        self.findings.append(finding)

    def summary(self) -> str:
        errors, warnings = len(self.errors), len(self.warnings)
        head = (
            f"{self.rules} rules, {self.questions} questions, {self.cases} golden cases: "
            f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
        )
        if self.rules:
            share = 100 * self.rules_fired_by_cases / self.rules
            head += f"\ncoverage: {self.rules_fired_by_cases}/{self.rules} rules fired by golden cases ({share:.0f} %)"
        if self.combinations_checked:
            head += f"\ngaps: {self.combinations_checked} answer combinations checked"
        return head
