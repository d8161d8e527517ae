"""The terminal prompts: the only module that calls questionary (prompt_toolkit). Everything it returns is a Reply
or plain text; deciding what a reply means is the flow's job."""

from __future__ import annotations

from typing import Any

import questionary
from questionary import Choice as Option
from questionary import Separator

from advisor.interview.console import shorten
from advisor.interview.flow import AskRequest
from advisor.interview.replies import Answer, Back, Reply, Skip, SkipRest, Typed, Why
from advisor.interview.values import NONE_PICKED, format_number

LINE = 78
# Fixed keys for the commands, so they are the same in every list (numbers and other letters go to the options).
WHY_KEY, SKIP_KEY, BACK_KEY, SKIP_REST_KEY = "w", "s", "b", "x"


def _commands(editing: bool, keys: bool) -> list[Any]:
    def option(title: str, reply: Reply, key: str) -> Option:
        return Option(title, value=reply, shortcut_key=key if keys else True)

    commands: list[Any] = [Separator(), option("why? (what the answer changes)", Why(), WHY_KEY)]
    commands.append(option("skip / don't know", Skip(), SKIP_KEY))
    if editing:
        commands.append(option("cancel (keep the answer)", Back(), BACK_KEY))
    else:
        commands.append(option("back (undo the previous answer)", Back(), BACK_KEY))
        commands.append(option("skip all remaining questions", SkipRest(), SKIP_REST_KEY))
    return commands


def _run(prompt: questionary.Question) -> Any:
    """Ask; Ctrl-C and Ctrl-D both interrupt the interview (the caller saves the answers)."""
    try:
        return prompt.unsafe_ask()
    except EOFError:
        raise KeyboardInterrupt from None


class TerminalPrompter:
    """Asks with questionary in the terminal."""

    def ask(self, request: AskRequest) -> Reply:
        question = request.question
        if question.type in ("choice", "yes_no"):
            return self._select(request)
        if question.type == "multi_choice":
            return self._checkbox(request)
        return self._text(request)

    def _select(self, request: AskRequest) -> Reply:
        options: list[Any] = [
            Option(choice.label, value=Answer(self._value(request, choice.value))) for choice in request.choices
        ]
        options += _commands(request.editing, keys=True)
        wanted = Answer(request.default) if request.default is not None else None
        default = next((o for o in options if isinstance(o, Option) and wanted is not None and o.value == wanted), None)
        reply = _run(
            questionary.select(
                request.question.prompt,
                choices=options,
                default=default,
                use_shortcuts=True,
                use_jk_keys=False,
                instruction=_fitting(request.question.prompt, "(number or arrows, then Enter)"),
            )
        )
        assert isinstance(reply, (Answer, Why, Skip, SkipRest, Back))
        return reply

    @staticmethod
    def _value(request: AskRequest, value: str) -> Any:
        return value == "yes" if request.question.type == "yes_no" else value

    def _checkbox(self, request: AskRequest) -> Reply:
        ticked = set(request.default or [])
        options: list[Any] = [Option(c.label, value=c.value, checked=c.value in ticked) for c in request.choices]
        if request.question.none is not None:
            none_ticked = request.default is not None and not request.default
            options.append(Option(request.question.none, value=NONE_PICKED, checked=none_ticked))
        options += _commands(request.editing, keys=False)
        picked = _run(
            questionary.checkbox(
                request.question.prompt,
                choices=options,
                use_jk_keys=False,
                instruction=_fitting(request.question.prompt, "(Space ticks, Enter confirms)"),
            )
        )
        commands = [item for item in picked if isinstance(item, (Why, Skip, SkipRest, Back))]
        if commands:
            reply: Reply = commands[0]
            return reply
        return Answer([item for item in picked if isinstance(item, str)])

    def _text(self, request: AskRequest) -> Reply:
        question = request.question
        # No pre-filled text: what the person types is exactly what is read (commands included).
        text = _run(questionary.text(question.prompt, instruction=_text_instruction(request)))
        return Typed(str(text))

    def finish(self) -> bool:
        """True to write the answers and the report, False to edit an answer first."""
        return bool(
            _run(
                questionary.select(
                    "All done?",
                    choices=[
                        Option("Yes: write the answers and the report", value=True, shortcut_key="y"),
                        Option("Edit an answer first", value=False, shortcut_key="e"),
                    ],
                    use_shortcuts=True,
                    use_jk_keys=False,
                )
            )
        )

    def row(self, count: int) -> str:
        return str(_run(questionary.text(f"Number of the answer to edit (1-{count}, Enter to cancel):")))


def _fitting(prompt: str, instruction: str) -> str:
    """The instruction when it fits on the prompt's line (`? prompt instruction`), else none (a blank, because
    questionary shows its own, longer instruction for an empty one)."""
    return instruction if len(prompt) + len(instruction) + 3 <= LINE else " "


def _text_instruction(request: AskRequest) -> str:
    """The keys of a typed prompt: after the prompt when they fit its line, else on a line of their own (as many
    as fit), where the answer is then typed."""
    question = request.question
    head = [question.unit] if question.unit else []
    if question.type == "text_list":
        head.append("commas between items")
    if request.default is None:
        keys = ["? why", "< back", "Enter skips"]
    else:
        keys = [f"Enter keeps {shorten(_as_text(request.default), 28)!r}", "? why", "< back", "skip"]
    texts = ["; ".join(filter(None, [", ".join(head), ", ".join(keys[:count])])) for count in range(len(keys), -1, -1)]
    full = f"({texts[0]})"
    if len(question.prompt) + len(full) + 4 <= LINE:
        return full
    fitting = next((text for text in texts if len(text) + 4 <= LINE), "")
    return f"\n  ({fitting})" if fitting else ""


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, float):
        return format_number(value)
    return str(value)
