"""When worker processes may start: a spawned worker imports the program's main module again.

Kept apart from the data layer so that the `advisor` command can say, at no import cost, that its entry is safe.
"""

from __future__ import annotations

import sys

_GUARDED_MAIN = [False]  # set by the `advisor` command, whose entry script is guarded


def main_is_guarded() -> None:
    """Say that this program's main module never reruns its work when imported (the `advisor` command's entry)."""
    _GUARDED_MAIN[0] = True


def unasked_processes_safe() -> bool:
    """Whether worker processes may start without being asked for. A spawned worker imports the main module again,
    which would rerun a user's script that lacks the `if __name__ == "__main__":` guard; the `advisor` command,
    `python -m` modules and interactive sessions are safe, and a script that asks for `jobs` takes the usual
    multiprocessing rule on itself (as with scikit-learn's `n_jobs`)."""
    if _GUARDED_MAIN[0]:
        return True
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    if spec is not None and str(spec.name).endswith("__main__"):
        return True  # `python -m package`: the workers never run a package's __main__ again
    return getattr(main, "__file__", None) is None
