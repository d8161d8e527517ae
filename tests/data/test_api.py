"""The Python API of the data layer: `advisor.profile` and `advisor.baseline`, shown as Markdown in Jupyter."""

from __future__ import annotations

import importlib
from pathlib import Path

import advisor

CHURN = Path(__file__).parent.parent.parent / "examples" / "churn" / "data.csv"


def test_profile_from_python_measures_without_fitting() -> None:
    # The submodules advisor.data.profile and advisor.data.baseline, once imported, must not shadow the functions.
    importlib.import_module("advisor.data.profile")
    importlib.import_module("advisor.data.baseline")

    analysis = advisor.profile(CHURN, target="churn")
    assert analysis.baseline is None
    assert analysis.facts.rows == 2000 and analysis.facts.task_type == "binary_classification"
    assert analysis._repr_markdown_().startswith("## Data profile")
