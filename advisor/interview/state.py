"""The state of one interview: the brief so far and an undo history. No terminal, no printing.

Every change (answer, skip, skip all, edit) records the brief as it was before, so "back" restores it exactly,
including answers that the change dropped because their question stopped being relevant.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from advisor.brief.enums import STEP_TITLES, Step
from advisor.brief.model import Brief
from advisor.inference.engine import advise
from advisor.inference.relevance import ordered_questions, pending_questions
from advisor.interview.estimate import remaining_questions
from advisor.interview.values import check_bounds, describe, with_value
from advisor.knowledge.conditions import compile_condition
from advisor.knowledge.questions import Question

if TYPE_CHECKING:
    from advisor.knowledge.base import KnowledgeBase


@dataclass(frozen=True)
class Entry:
    """One change: the question it was about and the brief before it."""

    question_id: str
    before: Brief


@dataclass(frozen=True)
class SummaryRow:
    step: str
    question: Question
    answer: str
    skipped: bool = False


class InterviewState:
    """The brief being built and how it got there."""

    def __init__(self, brief: Brief, knowledge: KnowledgeBase) -> None:
        self.brief = brief
        self.knowledge = knowledge
        self.history: list[Entry] = self._resumed_history()
        # Answers undone with "back", offered again as the default when their question comes back.
        self.recalled: dict[str, Any] = {}

    # --- reading ----------------------------------------------------------------------------------------------

    def pending(self) -> list[Question]:
        """Relevant questions still to ask, in workflow order (re-evaluated on every call: answers change it)."""
        return pending_questions(self.brief, self.knowledge)

    def value_of(self, question: Question) -> Any:
        return self.brief.facts().get(question.fact)

    def is_done(self, question: Question) -> bool:
        """Answered or skipped."""
        return self.value_of(question) is not None or question.id in self.brief.skipped

    def progress(self, pending: list[Question]) -> tuple[int, int]:
        """(number of the current question, estimated total). The questions relevant now will be asked; of those an
        answer may still bring in (`advisor.interview.estimate`), about half are: the estimate is the midpoint."""
        return len(self.history) + 1, len(self.history) + self.estimated_remaining(pending)

    def estimated_remaining(self, pending: list[Question] | None = None) -> int:
        """How many questions are still to come, at least 1 (see `progress`)."""
        pending = self.pending() if pending is None else pending
        facts = advise(self.brief, self.knowledge).facts
        may_come = max(remaining_questions(self.brief, facts, self.knowledge), len(pending))
        return max(round((len(pending) + may_come) / 2), 1)

    def summary(self) -> list[SummaryRow]:
        """Every answered or skipped question, in workflow order."""
        rows = []
        for question in ordered_questions(self.knowledge):
            if not self.is_done(question):
                continue
            skipped = question.id in self.brief.skipped and self.value_of(question) is None
            currency = self.brief.costs.currency
            answer = "(skipped)" if skipped else describe(question, self.value_of(question), self.knowledge, currency)
            rows.append(SummaryRow(STEP_TITLES[Step(question.step)], question, answer, skipped))
        return rows

    # --- changing ---------------------------------------------------------------------------------------------

    def answer(self, question: Question, value: Any, extra: dict[str, Any] | None = None) -> list[Question]:
        """Set the answer (raises AnswerRejected with the reason); return the questions whose answers it dropped.

        `extra` holds other facts the answer states (`0.5 EUR` states the currency): set in the same step, so one
        "back" undoes both."""
        check_bounds(question, value)
        updated = with_value(self.brief, question, value)
        for fact, fact_value in (extra or {}).items():
            other = self.knowledge.question_for_fact(fact)
            if other is not None:
                updated = with_value(updated, other, fact_value)
        return self._commit(question, updated)

    def skip(self, question: Question) -> list[Question]:
        updated = with_value(self.brief, question, None)
        if question.id not in updated.skipped:
            updated.skipped = [*updated.skipped, question.id]
        return self._commit(question, updated)

    def skip_rest(self, question: Question) -> None:
        """Skip this question and every question that stays pending (one step to undo)."""
        before = self.brief
        self.skip(question)
        while pending := self.pending():
            self.brief = self.brief.model_copy(update={"skipped": [*self.brief.skipped, *(q.id for q in pending)]})
        del self.history[-1]
        self.history.append(Entry(question.id, before))

    def back(self) -> Question | None:
        """Undo the last change; return its question (None when there is nothing to undo)."""
        if not self.history:
            return None
        entry = self.history.pop()
        question = self.knowledge.question(entry.question_id)
        if question is not None and self.value_of(question) is not None:
            self.recalled[question.id] = self.value_of(question)
        self.brief = entry.before
        return question

    def _commit(self, question: Question, updated: Brief) -> list[Question]:
        self.history.append(Entry(question.id, self.brief))
        self.brief, dropped = _prune(updated, self.knowledge)
        return dropped

    def _resumed_history(self) -> list[Entry]:
        """For a resumed brief: one entry per question already done, so "back" reaches them too."""
        done = [question for question in ordered_questions(self.knowledge) if self.is_done(question)]
        entries: list[Entry] = []
        brief = self.brief
        for question in reversed(done):
            brief = _without(brief, question)
            entries.append(Entry(question.id, brief))
        return entries[::-1]


def _without(brief: Brief, question: Question) -> Brief:
    cleared = with_value(brief, question, None)
    cleared.skipped = [item for item in cleared.skipped if item != question.id]
    return cleared


def _prune(brief: Brief, knowledge: KnowledgeBase) -> tuple[Brief, list[Question]]:
    """Drop answers and skips of questions whose `ask_when` no longer holds (an earlier answer changed)."""
    dropped: list[Question] = []
    while True:
        facts = advise(brief, knowledge).facts
        known = brief.facts()
        stale = [
            question
            for question in knowledge.questions
            if (known.get(question.fact) is not None or question.id in brief.skipped)
            and question.ask_when is not None
            and compile_condition(question.ask_when)(facts) is False
        ]
        if not stale:
            return brief, dropped
        for question in stale:
            brief = _without(brief, question)
        dropped += stale
