"""Words in a column's name that suggest when it was recorded: after the outcome, or planned before it.

A name never decides alone: it lowers the measured strength a column needs to be flagged (see `decide.py`). The
lists are kept short and specific, because a broad word ("payment", "status") matches ordinary features too
(`payment_method`, `marital_status`) in data the project has never seen.
"""

from __future__ import annotations

import re

from advisor.data.protected import name_tokens

# Single words: the event has happened, been paid, settled, delivered, or its result is known.
POST_OUTCOME_WORDS = frozenset(
    {
        "actual", "actually", "paid", "pymnt", "repaid", "repayment", "repayments", "balance", "outcome", "outcomes",
        "result", "results", "returned", "delivered", "arrival", "arrived", "arr", "recoveries", "recovery",
        "chargeback", "chargebacks", "refund", "refunded", "settled", "settlement", "closed", "collection",
        "collections", "defaulted", "resolved", "resolution", "disposition", "discharge", "discharged", "died",
        "death", "deceased", "cancelled", "canceled", "completed", "elapsed", "wheels", "taxi", "final", "arrest",
        "arrested", "convicted", "conviction", "verdict", "sentence", "sentenced", "survived", "churned",
    }
)  # fmt: skip
# Word pairs (snake_case, joined by "_") whose words are ordinary alone.
POST_OUTCOME_PHRASES = (
    "loan_status", "account_status", "claim_status", "order_status", "case_status", "payment_status",
    "total_rec", "last_pymnt", "out_prncp", "air_time", "total_pymnt", "days_late", "late_fee", "next_pymnt",
)  # fmt: skip
# Words of a planned or scheduled value: known before the event, so the partner in a pair is the suspect.
PLANNED_WORDS = frozenset({"sched", "scheduled", "planned", "plan", "expected", "estimated", "est", "booked", "quoted"})
# Words too common to mean two columns describe the same event.
GENERIC_WORDS = frozenset(
    {
        "time", "date", "day", "num", "number", "count", "total", "amount", "amt", "rate", "value", "id", "code",
        "type", "flag", "is", "has", "the", "of", "in", "per", "avg", "mean", "min", "max", "log", "pct", "year",
        "month", "hour", "minute", "score", "level", "status", "class", "label", "target",
    }
)  # fmt: skip
# Words that name a record after the outcome as often as an ordinary feature known before it: an average card
# `balance` (ISLR's Default) or a bank client's yearly `balance` beside a loan's remaining one; `num_closed_accounts`
# and `collections_12_mths` in a credit file beside an account `closed` after the fact; a hotel stay's booked
# `arrival_date` beside a flight's actual `arrival` (`arr`, `arrived` stay clear). A column named so is asked
# about and kept as a feature, not left out: dropping the best honest feature makes the baseline worthless.
AMBIGUOUS_WORDS = frozenset({"arrival", "balance", "closed", "collection", "collections", "completed", "final"})
# Time-to-event data: a target naming an event, and a column that is only a duration. `time` beside `status` (the
# Mayo Clinic's pbc trial), `week` beside `arrest` (Rossi's recidivism study): the case was followed until its event
# or the study's end, so the duration is known only when the outcome is, and rows without the event are censored.
EVENT_WORDS = frozenset(
    {
        "status", "event", "death", "dead", "died", "censor", "censored", "fail", "failure", "relapse", "recurrence",
        "arrest", "arrested", "recidivism", "readmission", "readmitted",
    }
)  # fmt: skip
DURATION_WORDS = frozenset({"time", "futime", "days", "week", "weeks", "months", "years", "duration", "stime", "tte"})
FOLLOW_UP_WORDS = DURATION_WORDS | {"follow", "up", "followup", "fu", "to", "event", "survival", "surv", "obs"}
SNAKE = re.compile(r"[^a-z0-9]+")


def snake(name: str) -> str:
    """`ArrTime` and `arr-time` -> `arr_time`."""
    return SNAKE.sub("_", "_".join(name_tokens(name))).strip("_")


def post_outcome_word(name: str) -> str | None:
    """The word or phrase of `name` that suggests it was recorded after the outcome, if any."""
    tokens = name_tokens(name)
    for token in tokens:
        if token in POST_OUTCOME_WORDS:
            return token
    joined = f"_{snake(name)}_"
    return next((phrase for phrase in POST_OUTCOME_PHRASES if f"_{phrase}_" in joined), None)


def follow_up_word(name: str, target: str) -> str | None:
    """The duration word of a column that is only a follow-up time (`time`, `futime`, `time_to_event`, `week`)
    beside a target that names an event (`status`, `death`, `arrest`), if so."""
    tokens = name_tokens(name)
    if not tokens or not set(name_tokens(target)) & EVENT_WORDS or not set(tokens) <= FOLLOW_UP_WORDS:
        return None
    return next((token for token in tokens if token in DURATION_WORDS), None)


def is_ambiguous(word: str) -> bool:
    """Whether the post-outcome `word` of a name is as often an ordinary feature's (see `AMBIGUOUS_WORDS`)."""
    return word in AMBIGUOUS_WORDS


def is_planned(name: str) -> bool:
    return any(token in PLANNED_WORDS for token in name_tokens(name))


def shared_word(name: str, target: str) -> str | None:
    """A distinctive word both names hold (`dep_delay`, `arr_delay` -> `delay`): two records of one event."""
    words = {token for token in name_tokens(target) if len(token) >= 3 and token not in GENERIC_WORDS}
    return next((token for token in name_tokens(name) if token in words), None)
