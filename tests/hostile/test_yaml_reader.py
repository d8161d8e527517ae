"""Item 2 and the YAML half of items 5-7: hostile answers and rule files end in exit 2 and a line, quickly."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from advisor.knowledge.load import load_knowledge
from advisor.util.yaml_source import YamlDocument, YamlSyntaxError, event_loader, parse_yaml
from tests.hostile.conftest import run

BUNDLED_RULES = Path(__file__).resolve().parents[2] / "rules"

# 408 bytes: nine levels of nine aliases each expand to 9**9 (387 million) strings.
ALIAS_BOMB = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""

HOSTILE_ANSWERS = {
    "alias bomb": (ALIAS_BOMB, "line 2", "aliases"),
    "ESC byte": ('problem:\n  name: "x\x1b]0;pwned\x07"\n', "line 2", "U+001B (ESC)"),
    "NUL byte": ("problem:\n  goal: a\x00b\n", "line 2", "U+0000 (NUL)"),
    "escaped ESC": ('problem:\n\n  name: "title\\e]0;pwned\\a"\n', "line 3", "U+001B (ESC)"),
    "lone surrogate": ('problem:\n  name: "\\ud800"\n', "line 2", "U+D800|invalid Unicode"),
    "deep nesting": ("problem:\n  name: " + "[" * 1000 + "]" * 1000 + "\n", "line 2", "nested more than|nesting depth"),
    "huge integer": (f"data:\n  rows: {10**400}\n", "line 2", "too large"),
    "infinite latency": ("constraints:\n  latency_ms: .inf\n", "line 2", "not a finite number"),
    "NaN baseline": ("problem:\n  baseline_value: .nan\n", "line 2", "not a finite number"),
}


@pytest.mark.parametrize("case", list(HOSTILE_ANSWERS))
def test_hostile_answers_are_refused_with_the_line(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text, line, problem = HOSTILE_ANSWERS[case]
    answers = tmp_path / "answers.yaml"
    answers.write_text(text, encoding="utf-8", errors="surrogatepass")
    started = time.perf_counter()
    code, out, err = run(["report", "--answers", str(answers), "--out", str(tmp_path / "out")], capsys)
    assert (code, out) == (2, "")
    assert time.perf_counter() - started < 10
    assert f"{answers}: {line}: invalid YAML" in err and any(word in err for word in problem.split("|")), err
    assert "Traceback" not in err and "\x1b" not in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def _rules_with(tmp_path: Path, name: str, text: str | None) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(BUNDLED_RULES, rules)
    if text is not None:
        (rules / name).write_text(text, encoding="utf-8")
    return rules


@pytest.mark.parametrize(
    ("case", "text", "problem"),
    [
        ("alias bomb", ALIAS_BOMB, "aliases"),
        (
            "huge rule value",
            f"rules:\n  - id: x.huge\n    when: {{fact: data.rows, op: gt, value: {10**400}}}\n",
            "too large",
        ),
        ("infinite rule value", "rules:\n  - id: x.inf\n    when: {fact: data.rows, op: gt, value: .inf}\n", "finite"),
        ("deep rule", "rules:\n" + "  " + "- " * 600 + "x\n", "nested more than"),
    ],
)
def test_hostile_rule_files_are_refused_with_the_line(
    case: str, text: str, problem: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = _rules_with(tmp_path, "zz_hostile.yaml", text)
    code, out, err = run(["rules", "list", "--rules", str(rules)], capsys)
    assert code == 2, (case, out, err)
    assert "zz_hostile.yaml" in out + err and problem in out + err, (out, err)
    assert "Traceback" not in err


def _advisor(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "advisor", *args], capture_output=True, text=True, timeout=timeout, check=False
    )


def test_a_device_as_answers_is_refused_not_read_forever(tmp_path: Path) -> None:
    done = _advisor("report", "--answers", "/dev/zero", "--out", str(tmp_path / "out"))
    assert done.returncode == 2 and "not a regular file" in done.stderr, done.stderr


def test_an_oversized_answers_file_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("# padding\n" * 900_000, encoding="utf-8")  # 9 MB of comments
    done = _advisor("report", "--answers", str(answers), "--out", str(tmp_path / "out"))
    assert done.returncode == 2 and "larger than the" in done.stderr, done.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_in_a_rules_folder_does_not_hang(tmp_path: Path) -> None:
    rules = _rules_with(tmp_path, "unused.yaml", None)
    os.mkfifo(rules / "zz_pipe.yaml")
    done = _advisor("rules", "list", "--rules", str(rules), timeout=120)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "zz_pipe.yaml" in done.stdout + done.stderr and "not a regular file" in done.stdout + done.stderr


# --- both parsers: libyaml's C parser when PyYAML has it, the pure-Python one when it does not ---------------------

BROKEN_SYNTAX = {
    "unclosed list": "rules:\n  - id: a\n    tags: [one, two\n  - id: b\n",
    "unclosed quote": 'problem:\n  name: "never closed\n  goal: x\n',
    "bad indentation": "problem:\n  name: a\n   goal: b\n",
    "tab indentation": "problem:\n\tname: a\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "key without value block": "problem:\n  name: a\n  - item\n",
    "mapping as key": "? {a: 1}\n: b\n",
    "unknown tag": "problem:\n  name: !!python/object:os.system x\n",
    "merge key": "base: {a: 1}\nother:\n  <<: {a: 2}\n",
}


def _parse_with(parser: str, text: str) -> YamlDocument | tuple[str, int | None]:
    """The document, or (problem, line) of the refusal, read with the named parser."""
    with pytest.MonkeyPatch.context() as patch:
        if parser == "pure Python":
            patch.setattr(yaml, "__with_libyaml__", False)
            patch.delattr(yaml, "CSafeLoader", raising=False)
            assert event_loader() is yaml.SafeLoader
        else:
            assert event_loader() is yaml.CSafeLoader
        try:
            return parse_yaml(text, Path("x.yaml"))
        except YamlSyntaxError as error:
            return error.problem, error.line


PARSERS = ["libyaml", "pure Python"]
needs_libyaml = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML was built without libyaml here")


@needs_libyaml
@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize("case", list(HOSTILE_ANSWERS))
def test_each_parser_refuses_hostile_text_with_the_line(parser: str, case: str) -> None:
    text, line, problem = HOSTILE_ANSWERS[case]
    refused = _parse_with(parser, text)
    assert isinstance(refused, tuple), f"{case} was accepted"
    assert refused[1] == int(line.removeprefix("line ")), refused
    assert any(word in refused[0] for word in problem.split("|")), refused


@needs_libyaml
@pytest.mark.parametrize("case", list(BROKEN_SYNTAX))
def test_both_parsers_put_a_syntax_error_on_the_same_line(case: str) -> None:
    fast, slow = (_parse_with(parser, BROKEN_SYNTAX[case]) for parser in PARSERS)
    assert isinstance(fast, tuple) and isinstance(slow, tuple), (fast, slow)
    assert fast[1] is not None and fast[1] == slow[1], (fast, slow)


@needs_libyaml
def test_both_parsers_read_the_bundled_rules_the_same_way() -> None:
    files = sorted(BUNDLED_RULES.rglob("*.yaml"))
    assert len(files) > 20
    for path in files:
        fast, slow = (_parse_with(parser, path.read_text(encoding="utf-8")) for parser in PARSERS)
        assert isinstance(fast, YamlDocument) and isinstance(slow, YamlDocument), path
        assert (fast.data, fast.lines, fast.duplicates) == (slow.data, slow.lines, slow.duplicates), path


def test_the_rule_base_loads_without_libyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fallback end to end: PyYAML without libyaml still loads and lints the bundled rules."""
    monkeypatch.setattr(yaml, "__with_libyaml__", False)
    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    knowledge = load_knowledge()
    assert len(knowledge.rules) > 100 and knowledge.where("rule", knowledge.rules[0].id).endswith(
        tuple(f":{n}" for n in range(1, 10_000))
    )
