"""The table an analysis works on: the rows (the whole file or a sample), where they came from, and the exact
full-file statistics when the rows are a sample. DuckDB and Spark both fill it, so nothing downstream depends on
the engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from advisor.data.models import Source
from advisor.data.scan import ColumnScan

if TYPE_CHECKING:
    import pandas as pd


@dataclass
class Table:
    """The rows the analysis works on, where they came from, and exact statistics when they are a sample."""

    frame: pd.DataFrame
    source: Source
    exact: dict[str, ColumnScan] | None = None
    class_counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
