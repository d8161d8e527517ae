"""The summary's line on protected attributes found in the data: features or not (as the rules decide), the cost."""

from __future__ import annotations

from typing import Any


def protected_statement(data: dict[str, Any] | None) -> str | None:
    """race: left out of the features by rule ...; f1 0.44 without them, 0.40 with them (strong baseline, test)."""
    if not data or not data.get("protected_columns"):
        return None
    names = ", ".join(data["protected_columns"])
    policy = data.get("protected_policy") or "left out of the features"
    statement = f"{names}: {policy}"
    effect = (data.get("baseline") or {}).get("protected")
    if effect and effect.get("with_protected") is not None and effect.get("without_protected") is not None:
        without, with_them = effect["without_protected"], effect["with_protected"]
        if without == with_them:
            statement += f"; {effect['metric']} is the same with or without them ({without:.3g})"
        else:
            statement += (
                f"; {effect['metric']} {without:.3g} without them, {with_them:.3g} with them "
                f"({effect['model']}, test split)"
            )
    return statement
