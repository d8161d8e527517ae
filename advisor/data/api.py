"""`advisor.profile` and `advisor.baseline`: the data commands from Python (a notebook shows the result).

They live in their own module because `advisor.data.profile` and `advisor.data.baseline` are submodules: functions
of those names in the package would be replaced by the submodules as soon as those are imported.

What they return remembers the brief and rule base it was measured for: the baselines are judged by that brief's
primary metric, costs and business metric, so a report for another brief must measure the data again
(`measured_for` tells the report layer).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import PrivateAttr

from advisor.data import analyse
from advisor.data.models import DataAnalysis

if TYPE_CHECKING:
    from advisor.brief.model import Brief
    from advisor.knowledge.base import KnowledgeBase


class _Measured(DataAnalysis):
    """A `DataAnalysis` with the brief and rule base it was measured for (not part of its JSON)."""

    _brief: Brief | None = PrivateAttr(default=None)
    _rules: Path = PrivateAttr(default=Path())

    def _repr_markdown_(self) -> str:
        """Jupyter shows the profile and baselines as the report would (plots as links relative to the out dir)."""
        from advisor.data.render import render_data_markdown

        return render_data_markdown(self)


def profile(
    path: Path | str,
    *,
    target: str | None = None,
    brief: Brief | None = None,
    knowledge: KnowledgeBase | None = None,
    seed: int = 0,
) -> DataAnalysis:
    """The profile of a file (no models), as `advisor profile` computes it.

    `target` defaults to the brief's `problem.target_column` when the file has that column.
    """
    return _measure(path, target=target, brief=brief, knowledge=knowledge, out_dir=None, seed=seed, fit=False)


def baseline(
    path: Path | str,
    *,
    target: str | None = None,
    brief: Brief | None = None,
    knowledge: KnowledgeBase | None = None,
    out_dir: Path | str | None = None,
    seed: int = 0,
    jobs: int | None = None,
) -> DataAnalysis:
    """The profile and the baselines of a file, as `advisor baseline` computes them.

    `target` defaults to the brief's `problem.target_column`; plots and the fitted model go under `out_dir` if given.
    `jobs` processes share the work (None: a companion process when there are two cores and this program is safe to
    import again, more for large data; see docs/data.md); any number gives the same result.
    """
    from advisor.data.baseline.workers import using_jobs

    with using_jobs(jobs):
        return _measure(path, target=target, brief=brief, knowledge=knowledge, out_dir=out_dir, seed=seed, fit=True)


def measured_for(analysis: DataAnalysis) -> tuple[Brief, Path] | None:
    """The brief and the rule-base folder `analysis` was measured for; None if not known (e.g. read from JSON)."""
    if isinstance(analysis, _Measured) and analysis._brief is not None:
        return analysis._brief, analysis._rules
    return None


def _measure(
    path: Path | str,
    *,
    target: str | None,
    brief: Brief | None,
    knowledge: KnowledgeBase | None,
    out_dir: Path | str | None,
    seed: int,
    fit: bool,
) -> DataAnalysis:
    from advisor.brief.model import Brief
    from advisor.errors import InputError, in_python_terms
    from advisor.util.resources import bundled_rules

    chosen = brief if brief is not None else Brief()
    try:
        found = analyse(
            Path(path),
            target=target,
            brief=chosen,
            out_dir=Path(out_dir) if out_dir is not None else None,
            seed=seed,
            run_baseline=fit,
            knowledge=knowledge,
        )
    except InputError as error:
        raise in_python_terms(error) from None
    measured = _Measured.model_construct(found.model_fields_set, **dict(found))
    measured._brief = chosen.model_copy(deep=True)
    measured._rules = (knowledge.root if knowledge is not None else bundled_rules()).resolve()
    return measured
