"""A short, stable fingerprint of a rule base: the reports name it so a stale report can be told from a fresh one."""

from __future__ import annotations

import hashlib
from pathlib import Path

# Practice scenarios and their concepts live in the rule base folder but never change a report.
NOT_ADVICE = {"scenarios"}


def rule_base_fingerprint(root: Path) -> str:
    """sha256 over the relative paths and bytes of every YAML file under `root` (but practice scenarios), sorted;
    the first 12 hex digits."""
    digest = hashlib.sha256()
    files = sorted(
        path
        for path in root.rglob("*")
        if path.suffix in {".yaml", ".yml"} and path.is_file() and path.relative_to(root).parts[0] not in NOT_ADVICE
    )
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        # Line endings normalised so that a checkout on Windows gives the same fingerprint.
        digest.update(path.read_bytes().replace(b"\r\n", b"\n"))
        digest.update(b"\0")
    return digest.hexdigest()[:12]
