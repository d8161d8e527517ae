"""What a person can answer at a prompt: a value, or one of the commands (why?, skip, skip all, back)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Answer:
    """A value picked from a list (a choice's value, a list of values, True or False)."""

    value: Any


@dataclass(frozen=True)
class Typed:
    """Text typed at a text or number prompt, not yet parsed into the fact's type."""

    text: str


@dataclass(frozen=True)
class Why:
    """Show what the answer changes, then ask again."""


@dataclass(frozen=True)
class Skip:
    """Don't know: the question becomes an open question in the report."""


@dataclass(frozen=True)
class SkipRest:
    """Skip this and every remaining question."""


@dataclass(frozen=True)
class Back:
    """Undo the previous answer and ask that question again."""


Reply = Answer | Typed | Why | Skip | SkipRest | Back

# What a person may type at a text or number prompt instead of an answer (case does not matter).
TYPED_COMMANDS: dict[str, Reply] = {
    "?": Why(),
    "<": Back(),
    "back": Back(),
    "skip": Skip(),
    "skip all": SkipRest(),
}


def interpret(reply: Reply) -> Reply:
    """A typed command becomes its command; an empty line means "skip / don't know"; anything else stays typed."""
    if not isinstance(reply, Typed):
        return reply
    text = " ".join(reply.text.split()).lower()
    if not text:
        return Skip()
    return TYPED_COMMANDS.get(text, reply)
