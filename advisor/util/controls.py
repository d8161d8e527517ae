"""Control characters: what may never reach a terminal, a report or a file we read.

ESC starts terminal escape sequences (a brief's name could retitle the window or hide text), NUL and the other C0/C1
controls corrupt files and tables, lone surrogates cannot be written as UTF-8. Tab, newline and carriage return are
ordinary whitespace and allowed; NEL (U+0085) is a YAML line break.
"""

from __future__ import annotations

import re

CONTROL = re.compile("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x84\\x86-\\x9f\\ud800-\\udfff\\ufffe\\uffff]")
# On a terminal every control but newline and tab is removed (a carriage return could overwrite a line).
TERMINAL_CONTROL = re.compile("[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\ud800-\\udfff\\ufffe\\uffff]")
NAMES = {"\x00": "NUL", "\x1b": "ESC", "\x7f": "DEL"}


def describe_control(character: str) -> str:
    """`U+001B (ESC)`: a refused character named without printing it."""
    name = NAMES.get(character)
    return f"U+{ord(character):04X}" + (f" ({name})" if name else "")


def strip_controls(text: str) -> str:
    """`text` without control characters: safe to print on a terminal."""
    return TERMINAL_CONTROL.sub("", text)
