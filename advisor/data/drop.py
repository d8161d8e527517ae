"""Columns the person asked to leave out (`data.drop_columns` in the answers, `--drop COL` on the command line)."""

from __future__ import annotations

from advisor.errors import DataError
from advisor.util.suggest import did_you_mean

DROPPED_REASON = "dropped by you"


def dropped_columns(requested: list[str] | None, columns: list[str], target: str | None, file: str) -> list[str]:
    """The requested columns in file order; an unknown name or the target is refused with a suggestion."""
    wanted = list(dict.fromkeys(requested or []))
    for name in wanted:
        if name == target:
            raise DataError(f"cannot drop '{name}': it is the target", file=file, place="--drop / data.drop_columns")
        if name not in columns:
            raise DataError(
                f"no column named '{name}' to drop",
                file=file,
                place="--drop / data.drop_columns",
                hint=did_you_mean(name, columns) or f"columns: {', '.join(columns[:12])}",
            )
    chosen = set(wanted)
    return [name for name in columns if name in chosen]
