"""Item 3: a report is replaced all-or-nothing, under kill -9 at any instant and under concurrent writers.

Two variants take turns in one folder: one with data (plots/, model.joblib) and one without. After every run, killed
or not, the folder must hold exactly one of them, whole: the same title in all three formats, every plot the Markdown
links, a model only beside a report with data, a manifest that lists what is there, and the user's own file intact.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import time
from pathlib import Path

import pytest

from advisor.brief.answers import load_brief
from advisor.errors import OutputExistsError
from advisor.knowledge.base import KnowledgeBase
from advisor.report import DataRequest, write_report
from advisor.report.output import FAULT_VARIABLE, MANIFEST
from tests.hostile.conftest import write_brief, write_table

USER_FILE = "notes.txt"
USER_TEXT = "my own notes, not the advisor's\n"


class Variants:
    def __init__(self, tmp_path: Path, knowledge: KnowledgeBase) -> None:
        self.knowledge = knowledge
        self.table = write_table(tmp_path / "data.csv", ["amount", "region"], ["north", "south", "east"], rows=60)
        self.briefs = {
            name: load_brief(write_brief(tmp_path / f"{name}.yaml", name=name), knowledge)
            for name in ("with-data", "without-data")
        }

    def write(self, out: Path, name: str, *, force: bool = True) -> None:
        data = DataRequest(self.table, "label", progress=False) if name == "with-data" else None
        write_report(self.briefs[name], self.knowledge, out, force=force, data=data)


def _title(out: Path) -> str:
    markdown = (out / "design.md").read_text(encoding="utf-8")
    html = (out / "design.html").read_text(encoding="utf-8")
    document = json.loads((out / "design.json").read_text(encoding="utf-8"))
    titles = {markdown.splitlines()[0].removeprefix("# "), re.search(r"<title>(.*?)</title>", html).group(1)}  # type: ignore[union-attr]
    titles.add(document["title"])
    assert len(titles) == 1, f"mixed report: {titles}"
    return titles.pop()


def assert_whole(out: Path) -> str:
    """The folder holds one complete report (which one is returned) and the user's file."""
    assert (out / USER_FILE).read_text(encoding="utf-8") == USER_TEXT
    title = _title(out)
    written = set(json.loads((out / MANIFEST).read_text(encoding="utf-8"))["written"])
    present = {path.name for path in out.iterdir()} - {USER_FILE}
    assert written == present, f"manifest {sorted(written)} but folder {sorted(present)}"
    markdown = (out / "design.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\((plots/[^)]+)\)", markdown))
    if title == "with-data":
        assert linked and all((out / path).is_file() for path in linked)
        assert {f"plots/{path.name}" for path in (out / "plots").iterdir()} == linked
        assert (out / "model.joblib").is_file()
    else:
        assert title == "without-data" and not linked
        assert not (out / "plots").exists() and not (out / "model.joblib").exists()
    return title


def _fork(variants: Variants, out: Path, name: str, fault: str | None = None) -> int:
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child
        code = 0
        try:
            if fault is not None:
                os.environ[FAULT_VARIABLE] = fault
            variants.write(out, name)
        except BaseException:
            code = 3
        os._exit(code)
    return child


def _wait(child: int) -> int:
    _, status = os.waitpid(child, 0)
    return os.waitstatus_to_exitcode(status)


@pytest.fixture
def setup(tmp_path: Path, bundled_knowledge: KnowledgeBase) -> tuple[Variants, Path]:
    variants = Variants(tmp_path, bundled_knowledge)
    out = tmp_path / "out"
    out.mkdir()
    (out / USER_FILE).write_text(USER_TEXT, encoding="utf-8")
    variants.write(out, "with-data")  # also warms the imports the forked writers share
    return variants, out


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_kill_at_each_step_and_at_random_times_never_leaves_a_mixed_report(setup: tuple[Variants, Path]) -> None:
    variants, out = setup
    current = assert_whole(out)
    for fault in ("link", "exchange", "cleanup"):
        wanted = "without-data" if current == "with-data" else "with-data"
        assert _wait(_fork(variants, out, wanted, fault)) == -signal.SIGKILL
        current = assert_whole(out)
        assert current == (
            wanted if fault == "cleanup" else ("with-data" if wanted == "without-data" else "without-data")
        )
    started = time.perf_counter()
    assert _wait(_fork(variants, out, "with-data")) == 0
    duration = time.perf_counter() - started
    generator = random.Random(13)
    outcomes = set()
    for _ in range(50):
        wanted = "without-data" if current == "with-data" else "with-data"
        child = _fork(variants, out, wanted)
        time.sleep(generator.uniform(0, duration * 1.1))
        os.kill(child, signal.SIGKILL)
        _wait(child)
        current = assert_whole(out)
        outcomes.add(current == wanted)
    assert outcomes == {True, False}, "the kills should land both before and after the commit"
    variants.write(out, "without-data")  # the next run removes what the killed ones left
    assert assert_whole(out) == "without-data"
    assert sorted(path.name for path in out.parent.iterdir() if path.name.startswith(".advisor")) == []


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_two_concurrent_writers_each_commit_a_whole_report(setup: tuple[Variants, Path]) -> None:
    variants, out = setup
    for _ in range(3):
        first = _fork(variants, out, "with-data")
        second = _fork(variants, out, "without-data")
        assert (_wait(first), _wait(second)) == (0, 0)
        assert_whole(out)
    assert [path.name for path in out.parent.iterdir() if path.name.startswith(".advisor")] == []


def test_force_replaces_only_what_the_advisor_wrote(setup: tuple[Variants, Path]) -> None:
    variants, out = setup
    variants.write(out, "without-data")  # a stale model from the dataset must not stay beside it
    assert assert_whole(out) == "without-data"
    with pytest.raises(OutputExistsError, match="already holds"):
        variants.write(out, "with-data", force=False)
    assert assert_whole(out) == "without-data"


def test_a_users_own_plots_folder_is_never_replaced(tmp_path: Path, bundled_knowledge: KnowledgeBase) -> None:
    variants = Variants(tmp_path, bundled_knowledge)
    out = tmp_path / "out"
    (out / "plots").mkdir(parents=True)
    (out / "plots" / "mine.png").write_bytes(b"not the advisor's")
    (out / "design.md").write_text("# an older report\n", encoding="utf-8")
    with pytest.raises(OutputExistsError, match="plots, which the advisor did not write"):
        variants.write(out, "with-data", force=True)
    assert (out / "plots" / "mine.png").read_bytes() == b"not the advisor's"


def test_the_refusal_comes_before_any_work(setup: tuple[Variants, Path]) -> None:
    variants, out = setup
    missing = DataRequest(out.parent / "no-such-data.csv", "label", progress=False)
    # Without --force the existing report is the error, not the data that would only be read later.
    with pytest.raises(OutputExistsError):
        write_report(variants.briefs["with-data"], variants.knowledge, out, data=missing)


def test_leftovers_of_a_killed_run_are_removed_by_the_next(setup: tuple[Variants, Path]) -> None:
    variants, out = setup
    leftover = out.parent / ".advisor-staging-out-killed" / "report"
    (leftover / "plots").mkdir(parents=True)
    (leftover / "design.md").write_text("half\n", encoding="utf-8")
    variants.write(out, "without-data")
    assert not leftover.parent.exists()
    assert_whole(out)
