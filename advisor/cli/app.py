"""The root command group and the options every command shares."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from advisor.knowledge.base import KnowledgeBase

F = TypeVar("F", bound=Callable[..., Any])

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="ml-design-advisor", prog_name="advisor")
def app() -> None:
    """ML Design Advisor: from a project brief to a design document for the whole ML workflow.

    Answer a questionnaire (or give an answers file), optionally point at your data, and get recommendations for
    every step (metrics, data, cleaning, features, models, evaluation, deployment, iteration), each with its
    rationale and sources, as Markdown, HTML and JSON.
    """


def rules_option(function: F) -> F:
    """`--rules DIR`: use the rule base in DIR instead of the bundled one (every command takes it)."""
    return click.option(
        "--rules",
        "rules_dir",
        type=click.Path(path_type=Path),
        default=None,
        metavar="DIR",
        help="Use the rule base in DIR instead of the bundled one.",
    )(function)


def load_rule_base(rules_dir: Path | None) -> KnowledgeBase:
    """Load and validate the rule base (the bundled one unless --rules names another)."""
    from advisor.knowledge.load import load_knowledge

    return load_knowledge(rules_dir)


@contextmanager
def companion_started_early(wanted: bool, jobs: int | None = None) -> Iterator[None]:
    """When a dataset will be analysed, the data layer's companion process started before the rule base loads, so
    that its imports overlap ours (`advisor.data.companion.started_early`); nothing is imported without data."""
    if not wanted:
        yield
        return
    from advisor.data.companion import started_early

    with started_early(wanted=True, jobs=jobs):
        yield
