"""The conversation, without a terminal: ask the pending questions in workflow order, explain, re-prompt with the
reason, go back, skip, then summarise and let the person edit. A `Prompter` does the asking (questionary in the
terminal, a scripted list of replies in tests)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from advisor.brief.enums import STEP_TITLES, Step
from advisor.brief.model import Brief
from advisor.inference.explain import render_why, why
from advisor.interview.replies import Answer, Back, Reply, Skip, SkipRest, Typed, Why, interpret
from advisor.interview.values import NONE_PICKED, AnswerRejected, Reading, choices_of, read_typed
from advisor.knowledge.questions import Choice, Question

if TYPE_CHECKING:
    from advisor.interview.console import Console
    from advisor.interview.state import InterviewState


@dataclass(frozen=True)
class AskRequest:
    """Everything a prompter needs to ask one question."""

    question: Question
    choices: list[Choice]
    default: Any = None
    editing: bool = False


class Prompter(Protocol):
    def ask(self, request: AskRequest) -> Reply: ...

    def finish(self) -> bool: ...

    def row(self, count: int) -> str: ...


def run_interview(state: InterviewState, prompter: Prompter, console: Console) -> Brief:
    """Ask until nothing is pending and the person confirms the summary; return the brief.

    KeyboardInterrupt passes through untouched: `state.brief` then holds every answer given so far.
    """
    while True:
        _ask_pending(state, prompter, console)
        rows = state.summary()
        console.summary(rows)
        if prompter.finish():
            return state.brief
        if not rows:
            continue
        picked = _pick_row(prompter, console, len(rows))
        if picked is not None:
            _ask(state, rows[picked].question, prompter, console, editing=True)


def _ask_pending(state: InterviewState, prompter: Prompter, console: Console) -> None:
    shown_step: Step | None = None
    while pending := state.pending():
        question = pending[0]
        step = Step(question.step)
        if step != shown_step:
            console.step(STEP_TITLES[step])
            shown_step = step
        number, total = state.progress(pending)
        console.question_header(number, total, question.help)
        _ask(state, question, prompter, console, editing=False)


def _ask(state: InterviewState, question: Question, prompter: Prompter, console: Console, *, editing: bool) -> None:
    """Ask one question until a reply changes the state (answer, skip, back) or the edit is cancelled."""
    known = (state.value_of(question), state.recalled.get(question.id), question.default)
    default = next((value for value in known if value is not None), None)
    while True:
        request = AskRequest(question, choices_of(question, state.knowledge), default, editing)
        typed = prompter.ask(request)
        keeps_default = isinstance(typed, Typed) and not typed.text.strip() and default is not None
        reply = Answer(default) if keeps_default else interpret(typed)
        if isinstance(reply, Why):
            explanation = why(question.id, state.knowledge, state.brief)
            console.why(render_why(explanation) if explanation else question.help)
            continue
        if isinstance(reply, Back):
            if not editing and state.back() is None:
                console.note("This is the first question: there is nothing to go back to.")
                continue
            return
        if isinstance(reply, Skip):
            _report_dropped(console, state.skip(question))
            return
        if isinstance(reply, SkipRest):
            state.skip_rest(question)
            console.note("Skipped the remaining questions: they become open questions in the report.")
            return
        try:
            reading = _value_of(question, reply, state.brief)
            _report_dropped(console, state.answer(question, reading.value, reading.extra))
            return
        except AnswerRejected as rejected:
            console.rejected(rejected.reason)


def _value_of(question: Question, reply: Answer | Typed, brief: Brief) -> Reading:
    if isinstance(reply, Typed):
        return read_typed(question, reply.text, brief)
    if question.type == "multi_choice":
        picked = list(reply.value or [])
        if NONE_PICKED in picked:
            if len(picked) > 1:
                raise AnswerRejected(f"'{question.none}' cannot be ticked together with other options")
            return Reading([])
        if not picked:
            none = f", '{question.none}'" if question.none else ""
            raise AnswerRejected(f"tick at least one option{none}, or tick 'skip / don't know'")
    return Reading(reply.value)


def _report_dropped(console: Console, dropped: list[Question]) -> None:
    for question in dropped:
        console.note(f"Dropped the answer to '{question.prompt}': that question no longer applies.")


def _pick_row(prompter: Prompter, console: Console, count: int) -> int | None:
    while True:
        text = prompter.row(count).strip()
        if not text:
            return None
        if text.isdigit() and 1 <= int(text) <= count:
            return int(text) - 1
        console.rejected(f"there is no answer number '{text}' (they go from 1 to {count}; Enter cancels)")
