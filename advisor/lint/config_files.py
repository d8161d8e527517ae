"""Read the linter's own YAML files (gaps.yaml, coverage.yaml) into models, with located findings on error."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from advisor.lint.findings import Finding
from advisor.util.validation import model_field_names, problems_of
from advisor.util.yaml_source import YamlDocument, YamlSyntaxError, parse_yaml, read_text

Model = TypeVar("Model", bound=BaseModel)


def read_model(path: Path, model: type[Model], check: str) -> tuple[Model | None, YamlDocument | None, list[Finding]]:
    """Parse and validate one YAML file; a missing file is (None, None, [])."""
    if not path.is_file():
        return None, None, []
    try:
        document = parse_yaml(read_text(path), path)
    except (OSError, UnicodeDecodeError) as error:
        return None, None, [Finding("error", check, f"cannot read: {error}", str(path))]
    except YamlSyntaxError as error:
        return None, None, [Finding("error", check, f"invalid YAML: {error.problem}", str(path), error.line)]
    try:
        return model.model_validate(document.data or {}), document, []
    except ValidationError as error:
        names = model_field_names(model)
        return (
            None,
            document,
            [
                Finding(
                    "error",
                    check,
                    found.problem,
                    str(path),
                    document.line_of(found.loc),
                    None,
                    found.field or None,
                    found.hint,
                )
                for found in problems_of(error, lambda _loc: names)
            ],
        )
