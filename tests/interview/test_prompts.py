"""What the terminal prompts show besides the question: the keys, fitted to an 80-column line."""

from __future__ import annotations

from advisor.interview.flow import AskRequest
from advisor.interview.prompts import _commands, _text_instruction
from advisor.interview.replies import Back, SkipRest
from advisor.knowledge.questions import Question


def _question(prompt: str, **extra: object) -> Question:
    return Question.model_validate(
        {"id": "q", "fact": "serving.latency_ms", "step": "problem", "prompt": prompt, "help": "Some help text."}
        | {"type": "number", **extra}
    )


def test_short_prompts_carry_their_keys_on_the_same_line() -> None:
    request = AskRequest(_question("Latency budget?", unit="ms"), [])
    assert _text_instruction(request) == "(ms; ? why, < back, Enter skips)"


def test_a_default_is_named_and_enter_keeps_it() -> None:
    request = AskRequest(_question("Latency budget?", unit="ms"), [], default=50.0)
    assert _text_instruction(request) == "(ms; Enter keeps '50', ? why, < back, skip)"


def test_long_prompts_get_the_keys_on_a_line_of_their_own() -> None:
    prompt = "What is the latency budget for one prediction, in milliseconds, at the 99th percentile?"
    instruction = _text_instruction(AskRequest(_question(prompt, unit="ms"), []))
    assert instruction == "\n  (ms; ? why, < back, Enter skips)"
    assert all(len(line) <= 78 for line in instruction.splitlines())


def test_editing_offers_cancel_instead_of_back_and_no_skip_all() -> None:
    asking = [getattr(option, "value", None) for option in _commands(editing=False, keys=True)]
    editing = [(getattr(option, "title", None), getattr(option, "value", None)) for option in _commands(True, True)]
    assert SkipRest() in asking and Back() in asking
    assert ("cancel (keep the answer)", Back()) in editing
    assert SkipRest() not in [value for _, value in editing]
