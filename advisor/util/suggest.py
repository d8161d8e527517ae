"""Did-you-mean: the closest valid name for a mistyped one."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(name: str, candidates: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """Return the candidate most similar to `name`, or None when nothing is close enough."""
    options = list(dict.fromkeys(candidates))
    exact_case = [option for option in options if option.lower() == name.lower()]
    if exact_case:
        return exact_case[0]
    # A truncated name (`metrics.pr_auc` for `metrics.pr_auc_for_rare_positives`): the shortest longer match.
    if len(name) >= 4:
        extended = sorted((option for option in options if option.lower().startswith(name.lower())), key=len)
        if extended:
            return extended[0]
    matches = difflib.get_close_matches(name, options, n=1, cutoff=cutoff)
    if matches:
        return matches[0]
    # A dotted path whose last part alone is close, e.g. 'imbalance' for 'data.imbalance'.
    tails = {option.rsplit(".", 1)[-1]: option for option in options}
    matches = difflib.get_close_matches(name.rsplit(".", 1)[-1], list(tails), n=1, cutoff=0.8)
    return tails[matches[0]] if matches else None


def did_you_mean(name: str, candidates: Iterable[str]) -> str | None:
    """A hint such as "did you mean 'data.imbalance'?", or None."""
    match = closest(name, candidates)
    return f"did you mean '{match}'?" if match is not None and match != name else None
