"""The whole report job: brief (+ data) -> advice -> DesignReport -> files. What `advisor report` and `run` call."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from advisor.brief.measured import fill_from_data
from advisor.errors import UsageError
from advisor.inference.engine import advise
from advisor.report.build import build_report
from advisor.report.document import DesignDocument
from advisor.report.output import FILE_NAMES, FORMATS, MANIFEST, check_writable, staged
from advisor.report.render import render_html, render_json, render_markdown

if TYPE_CHECKING:
    from advisor.brief.model import Brief
    from advisor.data.engine import EngineChoice
    from advisor.data.models import DataAnalysis
    from advisor.knowledge.base import KnowledgeBase


@dataclass(frozen=True)
class DataRequest:
    """A dataset to analyse with the brief: the file, the target column, whether to fit baselines.

    `target` defaults to the brief's `problem.target_column` when the file has that column.
    """

    path: Path | str
    target: str | None = None
    run_baseline: bool = True
    label: str | None = None  # how the report names the file (the bundled examples: not the install path)
    progress: bool | None = None  # progress bars on stderr: None shows them when stderr is a terminal
    engine: EngineChoice | None = None  # what scans the data (DuckDB here when not given; see advisor.data.engine)


@dataclass
class ReportResult:
    report: DesignDocument
    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def parse_formats(text: str) -> tuple[str, ...]:
    """`md,html` -> ("md", "html"), in the canonical order; unknown names are a usage error."""
    wanted = [part.strip().lower() for part in text.split(",") if part.strip()]
    unknown = [name for name in wanted if name not in FORMATS]
    if unknown or not wanted:
        raise UsageError(
            f"unknown report format {', '.join(unknown) or '(none)'}",
            place="--format",
            hint=f"choose from {', '.join(FORMATS)}, comma-separated",
        )
    return tuple(name for name in FORMATS if name in wanted)


def write_report(
    brief: Brief,
    knowledge: KnowledgeBase,
    out_dir: Path,
    *,
    formats: Sequence[str] = FORMATS,
    force: bool = False,
    data: DataRequest | DataAnalysis | None = None,
    seed: int = 0,
) -> ReportResult:
    """Advise on `brief` (with facts measured on `data` if given) and write the report into `out_dir`, atomically.

    `data` is a file to analyse or an analysis already made for this brief (its plots and model are not copied).
    The refusal to overwrite (without `force`) comes before any work; the commit replaces every file at once.
    """
    names = [FILE_NAMES[name] for name in formats]
    if isinstance(data, DataRequest):
        names += ["plots", "model.joblib"]
    check_writable(out_dir, names, force=force)
    with staged(out_dir, force=force, names=names) as staging:
        result = _build(brief, knowledge, staging, data=data, seed=seed)
        markdown_text = render_markdown(result.report)
        renderers = {
            "md": lambda: markdown_text,
            "html": lambda: render_html(result.report, markdown_text, base_dir=staging),
            "json": lambda: render_json(result.report),
        }
        for name in formats:
            (staging / FILE_NAMES[name]).write_text(renderers[name](), encoding="utf-8", newline="\n")
        if "md" not in formats and data is not None:
            # Plots exist for the Markdown's sake; without it the HTML embeds them and they are not needed.
            _drop(staging / "plots")
        staged_names = [path.name for path in staging.iterdir()]
    # Reports first, in format order, then whatever the data layer added (plots, the fitted model).
    ordered = [FILE_NAMES[name] for name in formats] + sorted(set(staged_names) - {*FILE_NAMES.values(), MANIFEST})
    result.files = [out_dir / name for name in ordered]
    return result


def build(brief: Brief, knowledge: KnowledgeBase, *, seed: int = 0) -> DesignDocument:
    """The report of a brief without data (no files written): what practice mode and notebooks use."""
    return build_report(brief, knowledge, advise(brief, knowledge), seed=seed)


def _build(
    brief: Brief, knowledge: KnowledgeBase, work_dir: Path | None, *, data: DataRequest | DataAnalysis | None, seed: int
) -> ReportResult:
    if data is None:
        return ReportResult(report=build(brief, knowledge, seed=seed))
    analysis = analyse_request(brief, knowledge, data, work_dir, seed=seed) if isinstance(data, DataRequest) else data
    return build_with_data(brief, knowledge, analysis, seed=seed)


def analyse_request(
    brief: Brief, knowledge: KnowledgeBase, data: DataRequest, work_dir: Path | None, *, seed: int
) -> DataAnalysis:
    """Measure the requested file for `brief`; plots and the fitted model go under `work_dir` if given."""
    # The data layer pulls in pandas and scikit-learn: imported only when a dataset is given.
    from advisor.data import analyse

    analysis = analyse(
        Path(data.path),
        target=data.target,
        brief=brief,
        out_dir=work_dir,
        seed=seed,
        run_baseline=data.run_baseline,
        progress=data.progress,
        knowledge=knowledge,
        engine=data.engine,
    )
    if data.label is not None:
        analysis = analysis.model_copy(update={"source": analysis.source.model_copy(update={"file": data.label})})
    return analysis


def build_with_data(brief: Brief, knowledge: KnowledgeBase, analysis: DataAnalysis, *, seed: int) -> ReportResult:
    """The report of `brief` informed by the facts measured in `analysis` (no files written)."""
    from advisor.data import render_data_markdown

    measured, filled = informed_brief(brief, knowledge, analysis)
    advice = advise(measured, knowledge)
    contradictions = [item.message for item in analysis.contradictions]
    report = build_report(
        measured,
        knowledge,
        advice,
        seed=seed,
        data=analysis.model_dump(mode="json"),
        data_markdown=render_data_markdown(analysis),
        contradictions=contradictions,
        measured_facts=filled,
        libraries=library_versions(),
        data_warnings=analysis.baseline.alerts() if analysis.baseline is not None else [],
    )
    return ReportResult(report=report, warnings=list(analysis.warnings))


def informed_brief(brief: Brief, knowledge: KnowledgeBase, analysis: DataAnalysis) -> tuple[Brief, list[str]]:
    """`brief` with the answers the data gives where the brief has none, and the fact paths so filled."""
    measured, filled = fill_from_data(brief, analysis.facts)
    # A skipped question the data answered is no longer open.
    answered_ids = {question.id for path in filled if (question := knowledge.question_for_fact(path)) is not None}
    measured.skipped = [question_id for question_id in measured.skipped if question_id not in answered_ids]
    return measured, filled


# Fitted models and their scores can change with these libraries' versions; the report names them.
DATA_LIBRARIES = ("scikit-learn", "numpy", "pandas", "scipy", "matplotlib", "duckdb", "pyarrow")


def library_versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    versions: dict[str, str] = {}
    for name in DATA_LIBRARIES:
        try:
            versions[name] = version(name)
        except PackageNotFoundError:  # pragma: no cover - every one is a dependency
            continue
    return versions


def _drop(path: Path) -> None:
    import shutil

    if path.is_dir():
        shutil.rmtree(path)
