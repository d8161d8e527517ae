"""`--engine`, `--spark-master`, `--conf` and `--table`: which engine scans the data, handed on as one `engine`.

Shared by `profile`, `baseline` and `report`. With `--table NAME` the data is a metastore table Spark reads, so the
command's data path is not given; the table's name stands in for it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from advisor.errors import UsageError

F = TypeVar("F", bound=Callable[..., Any])


def engine_options(path_parameter: str) -> Callable[[F], F]:
    """Add the engine options; the command receives `engine` (an `EngineChoice`) in their place."""

    def decorate(function: F) -> F:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            from advisor.data.engine import engine_choice

            choice = engine_choice(
                kwargs.pop("engine_name"),
                master=kwargs.pop("spark_master"),
                conf=tuple(kwargs.pop("spark_conf")),
                table=kwargs.pop("table"),
            )
            if choice.table is not None:
                if kwargs.get(path_parameter) is not None:
                    raise UsageError("give a data path or --table, not both", place="--table")
                kwargs[path_parameter] = Path(choice.table)
            return function(*args, engine=choice, **kwargs)

        options = [
            click.option(
                "--engine",
                "engine_name",
                type=click.Choice(["duckdb", "spark", "auto"]),
                default="duckdb",
                show_default=True,
                help="What scans the data: DuckDB here, or Apache Spark where the data lives "
                "(auto: Spark for s3a://, hdfs://, abfss:// paths and --table).",
            ),
            click.option(
                "--spark-master",
                default=None,
                metavar="URL",
                help="Spark master (default local[*]; SPARK_REMOTE selects Spark Connect instead).",
            ),
            click.option(
                "--conf",
                "spark_conf",
                multiple=True,
                metavar="KEY=VALUE",
                help="A Spark setting, passed through (repeatable).",
            ),
            click.option("--table", default=None, metavar="NAME", help="Read a metastore table with Spark."),
        ]
        decorated: Any = wrapper
        for option in reversed(options):
            decorated = option(decorated)
        return decorated  # type: ignore[no-any-return]

    return decorate


jobs_option = click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Processes for the analysis: a companion fits the baselines while this one draws the plots, and more fit "
    "the model families side by side (default: the companion when there are two cores, more for large data). "
    "Any N gives the same report.",
)
