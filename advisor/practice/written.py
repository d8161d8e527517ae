"""Written answers from a file: YAML (or JSON) mapping a workflow step id to the free text written for it.

    problem: Binary classification of each payment at checkout ...
    metrics: PR-AUC as the primary metric, not accuracy ...

Unknown step ids are errors with a did-you-mean; a step may be left out or empty.
"""

from __future__ import annotations

from pathlib import Path

from advisor.brief.answers import read_answers_document
from advisor.brief.enums import Step
from advisor.errors import AnswersError
from advisor.util.suggest import did_you_mean

STEP_IDS = [step.value for step in Step]


def load_written_answers(path: Path | str) -> dict[str, str]:
    """Read the answers file; an AnswersError names the file, the line and the problem."""
    file = Path(path)
    document = read_answers_document(file)
    data = document.data
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise AnswersError(
            "expected a mapping of workflow step to the answer written for it",
            file=file,
            hint=f"steps: {', '.join(STEP_IDS)}",
        )
    answers: dict[str, str] = {}
    for key, value in data.items():
        line = document.line_of((key,))
        place = f"line {line}" if line else None
        if str(key) not in STEP_IDS:
            raise AnswersError(
                f"unknown step '{key}'",
                file=file,
                place=place,
                hint=did_you_mean(str(key), STEP_IDS) or f"steps: {', '.join(STEP_IDS)}",
            )
        if value is None:
            continue
        text = "\n".join(value) if isinstance(value, list) and all(isinstance(p, str) for p in value) else value
        if not isinstance(text, str):
            raise AnswersError(f"the answer for '{key}' must be text", file=file, place=place)
        answers[str(key)] = text
    return answers
