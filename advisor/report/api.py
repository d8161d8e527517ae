"""The Python API of the advice and the report: `advisor.advise`, `advisor.render` and `advisor.write_report`.

The three take the same arguments in the same way. `knowledge=` is the rule base (the bundled one when not given).
`data=` is the dataset: a file (a path, or a `DataRequest` that names the target or turns the baselines off), or
what `advisor.profile` / `advisor.baseline` returned for the same brief. Errors are the advisor's `InputError`s,
worded for Python (`pass force=True`, not the command line's `--force`).

`advisor.report.write_report` (what the commands call) takes the rule base positionally and only a `DataRequest`;
this module is the friendlier front of it, so the commands keep their behaviour exactly.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Union

from advisor.errors import InputError, UsageError, in_python_terms
from advisor.report.output import FORMATS
from advisor.report.pipeline import DataRequest, ReportResult, analyse_request, build, build_with_data, parse_formats
from advisor.report.pipeline import write_report as write_files

if TYPE_CHECKING:
    from advisor.brief.model import Brief
    from advisor.data.models import DataAnalysis
    from advisor.inference.advice import Advice
    from advisor.knowledge.base import KnowledgeBase
    from advisor.report.document import DesignDocument

DataInput = Union[str, "os.PathLike[str]", DataRequest, "DataAnalysis"]


def advise(
    brief: Brief, *, knowledge: KnowledgeBase | None = None, data: DataInput | None = None, seed: int = 0
) -> Advice:
    """The engine's advice on `brief` (recommendations, checklist, open questions, trace).

    With `data`, unanswered questions the data can answer are filled from it first, as the report does; a file is
    profiled only (the advice depends on the measured facts, not on the baselines).
    """
    from advisor.inference.engine import advise as infer
    from advisor.report.pipeline import informed_brief

    with _python_wording():
        rules = _knowledge(knowledge)
        if data is None:
            return infer(brief, rules)
        request = _as_data(data, rules)
        if isinstance(request, DataRequest):
            profile_only = DataRequest(request.path, request.target, run_baseline=False, engine=request.engine)
            analysis = analyse_request(brief, rules, profile_only, None, seed=seed)
        else:
            analysis = _made_for(request, brief, rules)
        measured, _ = informed_brief(brief, rules, analysis)
        return infer(measured, rules)


def render(
    brief: Brief, *, knowledge: KnowledgeBase | None = None, data: DataInput | None = None, seed: int = 0
) -> DesignDocument:
    """The design report of `brief` without writing files: `.markdown()`, `.html()`, `.json_text()` give the formats,
    and Jupyter displays it directly. Plots need a folder: `write_report` draws them."""
    with _python_wording():
        rules = _knowledge(knowledge)
        chosen = _for_report(data, brief, rules)
        if chosen is None:
            return build(brief, rules, seed=seed)
        if isinstance(chosen, DataRequest):
            chosen = analyse_request(brief, rules, chosen, None, seed=seed)
        return build_with_data(brief, rules, chosen, seed=seed).report


def write_report(
    brief: Brief,
    out_dir: Path | str,
    *,
    knowledge: KnowledgeBase | None = None,
    data: DataInput | None = None,
    formats: Sequence[str] | str = FORMATS,
    force: bool = False,
    seed: int = 0,
) -> ReportResult:
    """Write the design report of `brief` into `out_dir` (design.md, design.html, design.json; with a data file also
    plots/ and model.joblib), all at once; `force=True` replaces a report the advisor wrote there before.

    `formats` names some of "md", "html", "json" (a tuple, or "md,json"). The result holds the report (`.report`), the
    files written (`.files`) and the data layer's warnings.
    """
    with _python_wording():
        chosen_formats = parse_formats(formats if isinstance(formats, str) else ",".join(formats))
        rules = _knowledge(knowledge)
        chosen = _for_report(data, brief, rules)
        return write_files(brief, rules, Path(out_dir), formats=chosen_formats, force=force, data=chosen, seed=seed)


def _knowledge(knowledge: KnowledgeBase | None) -> KnowledgeBase:
    from advisor.knowledge.load import load_knowledge

    return knowledge if knowledge is not None else load_knowledge()


def _as_data(data: DataInput, knowledge: KnowledgeBase) -> DataRequest | DataAnalysis:
    from advisor.data.models import DataAnalysis

    if isinstance(data, (DataRequest, DataAnalysis)):
        return data
    if isinstance(data, (str, os.PathLike)):
        return DataRequest(Path(data), progress=False)
    raise UsageError(
        f"data= takes a file, a DataRequest or what advisor.profile/baseline returned, not {type(data).__name__}",
        place="data",
        hint="e.g. data='examples/churn/data.csv' or data=advisor.DataRequest('data.csv', target='churn')",
    )


def _for_report(data: DataInput | None, brief: Brief, knowledge: KnowledgeBase) -> DataRequest | DataAnalysis | None:
    if data is None:
        return None
    chosen = _as_data(data, knowledge)
    if isinstance(chosen, DataRequest):
        return chosen
    analysis = _made_for(chosen, brief, knowledge)
    # Its plots and model were drawn elsewhere (or nowhere): the report must not link to files it does not hold.
    baseline = analysis.baseline.model_copy(update={"model_path": None}) if analysis.baseline is not None else None
    return analysis.model_copy(update={"plots": [], "baseline": baseline})


def _made_for(analysis: DataAnalysis, brief: Brief, knowledge: KnowledgeBase) -> DataAnalysis:
    """`analysis` if it was measured for this brief and rule base: its baselines are judged by that brief's metric."""
    from advisor.data.api import measured_for

    made = measured_for(analysis)
    if made is None:
        return analysis
    made_brief, rules = made
    if rules != knowledge.root.resolve():
        raise UsageError(
            f"this analysis was measured with the rule base in {rules}, not {knowledge.root}",
            place="data",
            hint="pass the same knowledge= to advisor.profile/baseline, or pass the file as data=",
        )
    if made_brief.model_dump() != brief.model_dump():
        raise UsageError(
            "this analysis was measured for another brief (its baselines are judged by that brief's metric and costs)",
            place="data",
            hint="pass brief=brief to advisor.profile/baseline, or pass the file as data= to have it measured again",
        )
    return analysis


@contextmanager
def _python_wording() -> Iterator[None]:
    try:
        yield
    except InputError as error:
        raise in_python_terms(error) from None
