"""Search a product of representative fact values for an assignment that makes some conditions true and others not.

Trying every assignment of the product (`itertools.product`) is the definition, and it is what the linter did; on a
large rule base the expanded conditions read many facts and the product runs to hundreds of thousands of assignments
per question. This search gives the same answer without visiting them all: it evaluates each condition over *sets*
of values (which truths can the condition take when each fact may still hold any of its allowed values?), stops as
soon as that decides the question for the whole subproduct, and otherwise fixes one fact to each of its values in
turn. Tests on one fact are treated as independent there, so the set of truths is a superset of the real one; once
every fact that matters holds one value it is exact, so the answer is always the product's.

Truth follows the rule engine's Kleene logic (advisor.knowledge.conditions): true, false or unknown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from advisor.knowledge.conditions import AllOf, AnyOf, Condition, NotOf, Predicate, test_predicate

# The truths a condition can take, as bits of a mask.
TRUE_BIT, FALSE_BIT, UNKNOWN_BIT = 1, 2, 4
_BIT = {True: TRUE_BIT, False: FALSE_BIT, None: UNKNOWN_BIT}
_ALL = TRUE_BIT | FALSE_BIT | UNKNOWN_BIT

_PREDICATE, _ALL_OF, _ANY_OF, _NOT = 0, 1, 2, 3
Node = tuple[Any, ...]  # (_PREDICATE, fact, predicate) | (_ALL_OF | _ANY_OF, parts) | (_NOT, part)


def compile_node(condition: Condition | None, memo: dict[int, tuple[Condition, Node]] | None = None) -> Node:
    """The condition as nested tuples, cheap to walk; no condition is always true, like an empty `all`. With `memo`,
    a part shared by several conditions (expanded derived facts are) is compiled once."""
    if condition is None:
        return (_ALL_OF, ())
    if memo is not None:
        found = memo.get(id(condition))
        if found is not None:
            return found[1]
    node: Node
    if isinstance(condition, Predicate):
        node = (_PREDICATE, condition.fact, condition)
    elif isinstance(condition, AllOf):
        node = (_ALL_OF, tuple(compile_node(part, memo) for part in condition.all_of))
    elif isinstance(condition, AnyOf):
        node = (_ANY_OF, tuple(compile_node(part, memo) for part in condition.any_of))
    else:
        assert isinstance(condition, NotOf)
        node = (_NOT, compile_node(condition.negated, memo))
    if memo is not None:
        memo[id(condition)] = (condition, node)
    return node


def _split_fact(nodes: Sequence[Node], allowed: Mapping[str, Sequence[Any]]) -> str:
    """A fact that a condition of `nodes` tests and that still has several allowed values, the first found depth
    first. One exists when a condition's truth is undecided: were all its facts fixed, its truth would be known."""
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        if node[0] == _PREDICATE:
            if len(allowed[node[1]]) > 1:
                return str(node[1])
        elif node[0] == _NOT:
            stack.append(node[1])
        else:
            stack.extend(reversed(node[1]))
    raise AssertionError("an undecided condition has a fact with several values left")


def truths(node: Node, allowed: Mapping[str, Sequence[Any]]) -> int:
    """The mask of truths the condition can take when each fact holds one of its allowed values."""
    kind = node[0]
    if kind == _PREDICATE:
        mask = 0
        predicate = node[2]
        for value in allowed[node[1]]:
            mask |= _BIT[test_predicate(predicate, value)]
            if mask == _ALL:
                break
        return mask
    if kind == _NOT:
        inner = truths(node[1], allowed)
        return (inner & UNKNOWN_BIT) | (TRUE_BIT if inner & FALSE_BIT else 0) | (FALSE_BIT if inner & TRUE_BIT else 0)
    # all: true when every part is; false when any part is; unknown when none is false and some is unknown.
    # any: the same with true and false swapped.
    decisive, other = (FALSE_BIT, TRUE_BIT) if kind == _ALL_OF else (TRUE_BIT, FALSE_BIT)
    every_other, some_decisive, every_undecisive, some_unknown = True, False, True, False
    for part in node[1]:
        mask = truths(part, allowed)
        if mask == decisive:
            return decisive  # a part that is surely false (true, for `any`) settles the whole
        every_other = every_other and bool(mask & other)
        some_decisive = some_decisive or bool(mask & decisive)
        every_undecisive = every_undecisive and bool(mask & (other | UNKNOWN_BIT))
        some_unknown = some_unknown or bool(mask & UNKNOWN_BIT)
    return (
        (other if every_other else 0)
        | (decisive if some_decisive else 0)
        | (UNKNOWN_BIT if every_undecisive and some_unknown else 0)
    )


def exists(allowed: Mapping[str, Sequence[Any]], true: Sequence[Node], not_true: Sequence[Node] = ()) -> bool:
    """Is there an assignment (one allowed value per fact) under which every `true` condition is true and every
    `not_true` condition is false or unknown? Every allowed list must be non-empty."""
    open_true: list[Node] = []
    for node in true:
        mask = truths(node, allowed)
        if not mask & TRUE_BIT:
            return False
        if mask != TRUE_BIT:
            open_true.append(node)
    open_not_true: list[Node] = []
    for node in not_true:
        mask = truths(node, allowed)
        if mask == TRUE_BIT:
            return False
        if mask & TRUE_BIT:
            open_not_true.append(node)
    if not open_true and not open_not_true:
        return True
    split = _split_fact([*open_true, *open_not_true], allowed)
    narrowed = dict(allowed)
    for value in allowed[split]:
        narrowed[split] = (value,)
        if exists(narrowed, open_true, open_not_true):
            return True
    return False


def witness(allowed: Mapping[str, Sequence[Any]], node: Node) -> dict[str, Any] | None:
    """One assignment of the allowed values that makes the condition true, or None if none does."""
    mask = truths(node, allowed)
    if not mask & TRUE_BIT:
        return None
    if mask == TRUE_BIT:
        return {path: values[0] for path, values in allowed.items()}
    split = _split_fact([node], allowed)
    narrowed = dict(allowed)
    for value in allowed[split]:
        narrowed[split] = (value,)
        found = witness(narrowed, node)
        if found is not None:
            return found
    return None


def evaluate(node: Node, facts: Mapping[str, Any]) -> bool | None:
    """The condition's truth for one assignment (a fact it lacks is unknown), as `compile_condition` gives it."""
    kind = node[0]
    if kind == _PREDICATE:
        return test_predicate(node[2], facts.get(node[1]))
    if kind == _NOT:
        inner = evaluate(node[1], facts)
        return None if inner is None else not inner
    decisive = kind == _ANY_OF  # the value that settles the part: true for `any`, false for `all`
    unknown = False
    for part in node[1]:
        value = evaluate(part, facts)
        if value is decisive:
            return decisive
        unknown = unknown or value is None
    return None if unknown else not decisive
