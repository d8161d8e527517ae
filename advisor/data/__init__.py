"""The execution layer: read a dataset, profile it into data facts, reconcile it with the brief, fit baselines.

Importing this package costs nothing: its names load on first use (PEP 562), and pandas, scikit-learn and
matplotlib only when `analyse` runs, so the questionnaire and `advisor --help` never pay for them. A command that
analyses data starts its companion process (`advisor.data.companion`) before anything else loads, and the pydantic
models here would delay that start (see `advisor.util.lazy`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from advisor.util.lazy import lazy_attributes

if TYPE_CHECKING:
    from advisor.brief.model import Brief
    from advisor.data.engine import EngineChoice
    from advisor.data.models import (
        BaselineResult,
        ColumnProfile,
        Contradiction,
        DataAnalysis,
        Plot,
        Source,
    )
    from advisor.data.render import render_data_markdown, render_data_text
    from advisor.knowledge.base import KnowledgeBase

__getattr__ = lazy_attributes(
    __name__,
    {
        "BaselineResult": "advisor.data.models",
        "ColumnProfile": "advisor.data.models",
        "Contradiction": "advisor.data.models",
        "DataAnalysis": "advisor.data.models",
        "Plot": "advisor.data.models",
        "Source": "advisor.data.models",
        "render_data_markdown": "advisor.data.render",
        "render_data_text": "advisor.data.render",
    },
)


def analyse(
    path: Path,
    *,
    target: str | None,
    brief: Brief,
    out_dir: Path | None,
    seed: int = 0,
    run_baseline: bool = True,
    progress: bool | None = False,
    knowledge: KnowledgeBase | None = None,
    engine: EngineChoice | None = None,
) -> DataAnalysis:
    """Read, profile, reconcile and (with a target) fit baselines; plots and the model go under `out_dir`."""
    from advisor.data.analysis import analyse as run

    return run(
        path,
        target=target,
        brief=brief,
        out_dir=out_dir,
        seed=seed,
        run_baseline=run_baseline,
        progress=progress,
        knowledge=knowledge,
        engine=engine,
    )


__all__ = [
    "BaselineResult",
    "ColumnProfile",
    "Contradiction",
    "DataAnalysis",
    "Plot",
    "Source",
    "analyse",
    "render_data_markdown",
    "render_data_text",
]
