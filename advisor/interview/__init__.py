"""The questionnaire (`advisor interview`): asks the rule base's questions, in workflow order, until the brief is
complete enough, then writes the answers file and the report.

- `replies`  what a person can answer at a prompt (a value, why?, skip, skip all, back) and typed-command parsing
- `values`   turning typed text into a fact's value and checking it with the brief's own validation
- `state`    the interview's state: the brief so far, the undo history, progress, the summary rows
- `flow`     the conversation: ask, explain, re-prompt, go back, summarise and edit (no terminal code)
- `console`  what we print ourselves (plain when NO_COLOR is set or stdout is not a terminal)
- `prompts`  the only module that calls questionary
- `files`    the answers files: atomic writes, the partial file of an interrupted run, the resume command
"""

from __future__ import annotations
