"""Which modules hold commands. Each module defines its commands and a `register(group)` function."""

from __future__ import annotations

import importlib

import click

# One line per module: helpers add theirs without touching anything else.
COMMAND_MODULES = (
    "advisor.cli.rules_commands",
    "advisor.cli.schema_command",
    "advisor.cli.report_commands",
    "advisor.cli.data_commands",
    "advisor.cli.interview_command",
    "advisor.cli.practice_command",
    "advisor.cli.monitor_command",
)


def register_commands(group: click.Group) -> None:
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(group)
