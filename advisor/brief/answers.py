"""The answers file: a brief as YAML (JSON accepted), read with line-precise errors and written atomically."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import ValidationError

from advisor.brief.model import SECTIONS, Brief
from advisor.errors import AnswersError
from advisor.util.suggest import did_you_mean
from advisor.util.validation import problems_of
from advisor.util.yaml_source import KeyPath, YamlDocument, YamlSyntaxError, parse_yaml, read_text

if TYPE_CHECKING:
    from advisor.knowledge.base import KnowledgeBase

TOP_LEVEL = [*SECTIONS, "skipped"]


def _allowed(loc: KeyPath) -> list[str]:
    if loc and loc[0] in SECTIONS:
        return list(SECTIONS[str(loc[0])].model_fields)
    return TOP_LEVEL


def parse_brief(data: Any, source: Path | str, knowledge: KnowledgeBase | None = None, lines: Any = None) -> Brief:
    """Validate raw answers; the first problem becomes an AnswersError naming the field and the likely fix."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise AnswersError(
            "expected a mapping of sections (problem, costs, legal, serving, data, compute)", file=source
        )
    try:
        brief = Brief.model_validate(data)
    except ValidationError as error:
        problems = problems_of(error, _allowed)
        first = problems[0]
        line = lines.line_of(first.loc) if lines is not None else None
        more = f" (and {len(problems) - 1} more problem{'s' if len(problems) > 2 else ''})" if len(problems) > 1 else ""
        place = f"line {line}, field {first.field}" if line else f"field {first.field}"
        raise AnswersError(first.problem + more, file=source, place=place, hint=first.hint) from None
    if knowledge is not None:
        for index, question_id in enumerate(brief.skipped):
            if knowledge.question(question_id) is None:
                line = lines.line_of(("skipped", index)) if lines is not None else None
                raise AnswersError(
                    f"no question '{question_id}'",
                    file=source,
                    place=f"line {line}, field skipped[{index}]" if line else f"field skipped[{index}]",
                    hint=did_you_mean(question_id, [q.id for q in knowledge.questions]),
                )
    return brief


def read_answers_document(path: Path | str) -> YamlDocument:
    """Read a YAML (or JSON) file a person wrote; AnswersError names the file and the line on any problem."""
    file = Path(path)
    if not file.exists():
        raise AnswersError("no such file", file=file)
    if file.is_dir():
        raise AnswersError("is a folder, not an answers file", file=file)
    try:
        document = parse_yaml(read_text(file), file)
    except UnicodeDecodeError as error:
        raise AnswersError(f"not UTF-8 text (byte {error.start})", file=file, hint="save it as UTF-8") from None
    except OSError as error:
        raise AnswersError(f"cannot read: {error.strerror or error}", file=file) from None
    except YamlSyntaxError as error:
        place = f"line {error.line}" if error.line else None
        raise AnswersError(f"invalid YAML: {error.problem}", file=file, place=place) from None
    if document.duplicates:
        duplicate = document.duplicates[0]
        raise AnswersError(f"'{duplicate.key}' is given twice", file=file, place=f"line {duplicate.line}")
    return document


def load_brief(path: Path | str, knowledge: KnowledgeBase | None = None) -> Brief:
    """Read an answers file (YAML or JSON). Raise AnswersError with file, line, field and hint on any problem."""
    document = read_answers_document(path)
    return parse_brief(document.data, Path(path), knowledge, document)


def dump_brief(brief: Brief) -> str:
    """The brief as an answers file: only what is known, sections in questionnaire order."""
    return yaml.safe_dump(brief.answered(), sort_keys=False, allow_unicode=True, width=100)


def dump_brief_json(brief: Brief) -> str:
    return json.dumps(brief.answered(), indent=2, ensure_ascii=False)
