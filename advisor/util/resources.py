"""Where the bundled rule base, report templates and examples are, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent

# In a wheel they are copied into the package (see pyproject.toml); in a checkout they sit at the top level.
_CHECKOUT_PLACES = {"rules": "rules", "templates": "reports/templates", "examples": "examples"}


def bundled(name: str) -> Path:
    """The folder of a bundled resource: 'rules', 'templates' or 'examples'."""
    inside = PACKAGE_DIR / "_bundled" / name
    if inside.is_dir():
        return inside
    return PACKAGE_DIR.parent / _CHECKOUT_PLACES[name]


def bundled_rules() -> Path:
    return bundled("rules")
