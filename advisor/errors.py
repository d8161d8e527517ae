"""One error hierarchy for the whole product.

Every error the advisor raises on purpose is an `AdvisorError`. Errors caused by what the user gave us (a bad option,
an unreadable answers file, a rule file with a typo, a CSV with ragged rows) are `InputError`s: the command line turns
them into exit code 2 and one short message that names the file, the place in it, the problem and, where we can guess
it, the likely fix. Anything else is a bug in the advisor (exit code 1).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class AdvisorError(Exception):
    """Base class of every error raised on purpose by the advisor."""

    exit_code = 1


class InputError(AdvisorError):
    """What the user gave us is wrong. Shown as `file: place: problem (hint)`, exit code 2."""

    exit_code = 2

    def __init__(
        self,
        problem: str,
        *,
        file: str | Path | None = None,
        place: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.problem = problem
        self.file = str(file) if file is not None else None
        self.place = place
        self.hint = hint
        super().__init__(self.message)

    @property
    def message(self) -> str:
        head = ": ".join(part for part in (self.file, self.place) if part)
        text = f"{head}: {self.problem}" if head else self.problem
        if self.hint:
            text += f" ({self.hint})"
        return text

    def __str__(self) -> str:
        return self.message


class UsageError(InputError):
    """A command was called with options that do not fit together."""


class AnswersError(InputError):
    """An answers file (the brief) is unreadable or holds an invalid answer."""


class DataError(InputError):
    """A dataset cannot be read or cannot be used for the requested job."""


class OutputExistsError(InputError):
    """A report would overwrite files that are already there."""


class KnowledgeError(InputError):
    """One problem in the rule base: a rule, question, case or catalog file.

    `item` is the id of the rule (or question, case, item) and `field` the field inside it, so the message reads
    `rules/metrics.yaml:42: rule metrics.pr_auc, field when.all[0].fact: unknown fact 'data.imbalanse'
    (did you mean 'data.imbalance'?)`.
    """

    def __init__(
        self,
        problem: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        item: str | None = None,
        field: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.line = line
        self.item = item
        self.field = field
        located_file = f"{file}:{line}" if file is not None and line is not None else file
        place = ", ".join(part for part in (item, f"field {field}" if field else None) if part) or None
        super().__init__(problem, file=located_file, place=place, hint=hint)


class RuleBaseInvalid(InputError):
    """The rule base has errors; `problems` lists every one of them."""

    def __init__(self, problems: Sequence[InputError], root: str | Path) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        first = self.problems[0].message if self.problems else "no details"
        more = f" and {count - 1} more" if count > 1 else ""
        super().__init__(
            f"the rule base has {count} error{'s' if count != 1 else ''}: {first}{more}",
            file=root,
            hint="run 'advisor rules lint' to list them all",
        )


class RuleBaseUnsound(RuleBaseInvalid):
    """The rule base loads but lint finds errors that make its advice wrong or arbitrary (a cycle, a conflict)."""

    def __init__(self, problems: Sequence[InputError], root: str | Path) -> None:
        super().__init__(problems, root)
        self.problem = self.problem.replace("the rule base has", "lint finds", 1)
        self.hint = "fix them ('advisor rules lint' lists them), or pass --unchecked to write the report anyway"
        self.args = (self.message,)


class RuleCycleError(InputError):
    """Inference did not settle: derived facts kept changing value (the rules form a cycle)."""


# The command line's option names, as the Python API spells the same choice. Messages are written for the command
# line (most errors are raised far from where they are shown); the API rewords them before they reach a caller.
PYTHON_WORDS = {
    "--force": "force=True",
    "--out": "out_dir",
    "--rules DIR": "knowledge=advisor.load_knowledge(DIR)",
    "--rules": "knowledge",
    "--target": "target",
    "--format": "formats",
}


def in_python_terms(error: InputError) -> InputError:
    """The same error, its options named as the Python API's arguments (`pass force=True`, not `pass --force`)."""
    import copy
    import re

    words = "|".join(re.escape(word) for word in sorted(PYTHON_WORDS, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?:{words})(?![\w-])")

    def reword(text: str | None) -> str | None:
        return pattern.sub(lambda found: PYTHON_WORDS[found.group(0)], text) if text is not None else None

    reworded = copy.copy(error)
    reworded.problem = reword(error.problem) or ""
    reworded.place = reword(error.place)
    reworded.hint = reword(error.hint)
    reworded.args = (reworded.message,)
    return reworded
