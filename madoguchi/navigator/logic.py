"""The values conditions work with, and the closures that compute them.

A condition compiled by ``conditions.py`` is a tree of the closures built
here. Each takes the Scope (the case's values, and the member being
decided) and returns a field's value, True, False, or an Unknown: a value
the case file does not give, carrying the facts that would give it.
Kleene's logic decides what an unknown makes of ``and``, ``or``, ``not``
and the functions over members.
"""

from __future__ import annotations

import ast
import functools
import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Member = dict[str, Any]


@dataclass(frozen=True)
class Fact:
    """A field the case file leaves out, as the navigator asks for it.

    ``path`` points into the case file (``details.same_prefecture``,
    ``household[1].nationality``); ``key`` is the questions.yaml key
    (``details.same_prefecture``, ``member.nationality``).
    """

    path: str
    key: str
    member: str | None = None


class Unknown:
    """A value the case file does not give, with the facts that would give it."""

    __slots__ = ("facts",)

    def __init__(self, facts: tuple[Fact, ...]) -> None:
        self.facts = facts

    def merge(self, other: Unknown) -> Unknown:
        """Return an unknown that needs the facts of both."""
        if other is self:
            return self
        extra = tuple(fact for fact in other.facts if fact not in self.facts)
        return Unknown(self.facts + extra) if extra else self

    def __repr__(self) -> str:
        return f"Unknown({', '.join(fact.path for fact in self.facts)})"


Truth = bool | Unknown


class Scope:
    """The values a condition reads, for one case and (maybe) one member."""

    __slots__ = (
        "event",
        "details",
        "member",
        "head",
        "household",
        "subjects",
        "others",
        "children",
        "loop",
    )

    def __init__(
        self,
        event: str,
        details: dict[str, Any],
        head: Member,
        household: tuple[Member, ...],
        subjects: tuple[Member, ...],
        others: tuple[Member, ...],
        children: tuple[Member, ...],
    ) -> None:
        self.event = event
        self.details = details
        self.head = head
        self.household = household
        self.subjects = subjects
        self.others = others
        self.children = children
        self.member: Member = {}
        self.loop: dict[str, Member] = {}


Evaluate = Callable[[Scope], Any]


def members_of(name: str) -> Callable[[Scope], tuple[Member, ...]]:
    """Return the closure that gives one of the scope's lists of members."""
    getter: Callable[[Scope], tuple[Member, ...]] = operator.attrgetter(name)
    return getter


# Closures. Values of a condition are True, False or an Unknown; fields hold
# the case file's own values or an Unknown when absent.


def member_reader(base: str, key: str) -> Evaluate:
    """Return the closure that reads one field of the member ``base`` names."""
    if base == "member":
        return lambda scope: scope.member[key]
    if base == "head":
        return lambda scope: scope.head[key]
    return lambda scope: scope.loop[base][key]


# Each comparison of a field with literals, as one test of the field's value;
# the reversed operators read "value OP literal" with the literal first.
TESTS: dict[type[ast.cmpop], Callable[[tuple[Any, ...]], Callable[[Any], bool]]] = {
    ast.Eq: lambda values: functools.partial(operator.eq, values[0]),
    ast.NotEq: lambda values: functools.partial(operator.ne, values[0]),
    ast.Lt: lambda values: functools.partial(operator.gt, values[0]),
    ast.LtE: lambda values: functools.partial(operator.ge, values[0]),
    ast.Gt: lambda values: functools.partial(operator.lt, values[0]),
    ast.GtE: lambda values: functools.partial(operator.le, values[0]),
    ast.In: lambda values: frozenset(values).__contains__,
}


def field_test(
    field: tuple[str, str], op: ast.cmpop, values: tuple[Any, ...]
) -> Evaluate:
    """Compile "field OP literal" into a single closure."""
    base, key = field
    negated = isinstance(op, ast.NotIn)
    test = TESTS[ast.In if negated else type(op)](values)
    if base == "member":
        return _member_test(key, test, negated)
    if base == "details":
        return _detail_test(key, test, negated)
    if base == "event":
        if negated:
            return lambda scope: not test(scope.event)
        return lambda scope: test(scope.event)
    read = member_reader(base, key)

    def evaluate(scope: Scope) -> Truth:
        value = read(scope)
        if value.__class__ is Unknown:
            unknown: Unknown = value
            return unknown
        return not test(value) if negated else test(value)

    return evaluate


# _member_test and _detail_test are written out, not built on a shared
# reader: these closures run for every member of every procedure, and one
# more call each would be the largest cost of an answer.
def _member_test(key: str, test: Callable[[Any], bool], negate: bool) -> Evaluate:
    if negate:

        def evaluate_not(scope: Scope) -> Truth:
            value = scope.member[key]
            if value.__class__ is Unknown:
                unknown: Unknown = value
                return unknown
            return not test(value)

        return evaluate_not

    def evaluate(scope: Scope) -> Truth:
        value = scope.member[key]
        if value.__class__ is Unknown:
            unknown: Unknown = value
            return unknown
        return test(value)

    return evaluate


def _detail_test(key: str, test: Callable[[Any], bool], negate: bool) -> Evaluate:
    if negate:

        def evaluate_not(scope: Scope) -> Truth:
            value = scope.details[key]
            if value.__class__ is Unknown:
                unknown: Unknown = value
                return unknown
            return not test(value)

        return evaluate_not

    def evaluate(scope: Scope) -> Truth:
        value = scope.details[key]
        if value.__class__ is Unknown:
            unknown: Unknown = value
            return unknown
        return test(value)

    return evaluate


def all_of(parts: tuple[Evaluate, ...]) -> Evaluate:
    """Return Kleene's "and" of the parts."""
    if len(parts) == 2:
        return _both(*parts)

    def evaluate(scope: Scope) -> Truth:
        unknown = None
        for part in parts:
            value = part(scope)
            if value is False:
                return False
            if value is not True:
                unknown = value if unknown is None else unknown.merge(value)
        return True if unknown is None else unknown

    return evaluate


def any_of(parts: tuple[Evaluate, ...]) -> Evaluate:
    """Return Kleene's "or" of the parts."""
    if len(parts) == 2:
        return _either(*parts)

    def evaluate(scope: Scope) -> Truth:
        unknown = None
        for part in parts:
            value = part(scope)
            if value is True:
                return True
            if value is not False:
                unknown = value if unknown is None else unknown.merge(value)
        return False if unknown is None else unknown

    return evaluate


def _both(first: Evaluate, second: Evaluate) -> Evaluate:
    """Return Kleene's "first and second", the commonest shape, unrolled."""

    def evaluate(scope: Scope) -> Truth:
        a = first(scope)
        if a is False:
            return False
        b = second(scope)
        if b is False:
            return False
        if a is True:
            return b  # type: ignore[no-any-return]
        if b is True:
            return a  # type: ignore[no-any-return]
        unknown: Unknown = a.merge(b)
        return unknown

    return evaluate


def _either(first: Evaluate, second: Evaluate) -> Evaluate:
    """Return Kleene's "first or second", unrolled."""

    def evaluate(scope: Scope) -> Truth:
        a = first(scope)
        if a is True:
            return True
        b = second(scope)
        if b is True:
            return True
        if a is False:
            return b  # type: ignore[no-any-return]
        if b is False:
            return a  # type: ignore[no-any-return]
        unknown: Unknown = a.merge(b)
        return unknown

    return evaluate


def negate(inner: Evaluate) -> Evaluate:
    """Return Kleene's "not": an unknown stays unknown."""

    def evaluate(scope: Scope) -> Truth:
        value = inner(scope)
        if value is True:
            return False
        if value is False:
            return True
        unknown: Unknown = value
        return unknown

    return evaluate


def equal(left: Evaluate, right: Evaluate) -> Evaluate:
    """Return "left == right", unknown when either side is."""

    def evaluate(scope: Scope) -> Truth:
        a, b = left(scope), right(scope)
        if a.__class__ is Unknown:
            return a.merge(b) if b.__class__ is Unknown else a
        if b.__class__ is Unknown:
            return b
        return bool(a == b)

    return evaluate


def order(
    compare: Callable[[Any, Any], bool], left: Evaluate, right: Evaluate
) -> Evaluate:
    """Return "left < right" (or another order), unknown when either is."""

    def evaluate(scope: Scope) -> Truth:
        a, b = left(scope), right(scope)
        if a.__class__ is Unknown:
            return a.merge(b) if b.__class__ is Unknown else a
        if b.__class__ is Unknown:
            return b
        return compare(a, b)

    return evaluate


def contains_literal(left: Evaluate, values: frozenset[Any]) -> Evaluate:
    """Return "left in (literals)", unknown when left is."""

    def evaluate(scope: Scope) -> Truth:
        a = left(scope)
        if a.__class__ is Unknown:
            return a
        return a in values

    return evaluate


def contains(left: Evaluate, right: Evaluate) -> Evaluate:
    """Return "left in right" for a list field, unknown when either is."""

    def evaluate(scope: Scope) -> Truth:
        a, b = left(scope), right(scope)
        if a.__class__ is Unknown:
            return a.merge(b) if b.__class__ is Unknown else a
        if b.__class__ is Unknown:
            return b
        return a in b

    return evaluate


def any_member(
    source: Callable[[Scope], tuple[Member, ...]],
    variable: str,
    body: Evaluate,
    test: Evaluate | None,
) -> Evaluate:
    """Return any(body for variable in source if test), in Kleene's logic."""
    # any(body for m in L if test) holds when some m satisfies "test and body".
    each = body if test is None else all_of((test, body))

    def evaluate(scope: Scope) -> Truth:
        unknown = None
        loop = scope.loop
        for member in source(scope):
            loop[variable] = member
            value = each(scope)
            if value is True:
                return True
            if value is not False:
                unknown = value if unknown is None else unknown.merge(value)
        return False if unknown is None else unknown

    return evaluate


def all_members(
    source: Callable[[Scope], tuple[Member, ...]],
    variable: str,
    body: Evaluate,
    test: Evaluate | None,
) -> Evaluate:
    """Return all(body for variable in source if test), in Kleene's logic."""
    # all(body for m in L if test) holds when every m satisfies
    # "not test or body".
    each = body if test is None else any_of((negate(test), body))

    def evaluate(scope: Scope) -> Truth:
        unknown = None
        loop = scope.loop
        for member in source(scope):
            loop[variable] = member
            value = each(scope)
            if value is False:
                return False
            if value is not True:
                unknown = value if unknown is None else unknown.merge(value)
        return True if unknown is None else unknown

    return evaluate


def count_members(
    source: Callable[[Scope], tuple[Member, ...]],
    variable: str,
    body: Evaluate,
    test: Evaluate | None,
) -> Evaluate:
    """Return count(body for variable in source if test), or an unknown."""
    # count(...) is unknown as soon as one member's "test and body" is.
    each = body if test is None else all_of((test, body))

    def evaluate(scope: Scope) -> int | Unknown:
        total = 0
        unknown = None
        loop = scope.loop
        for member in source(scope):
            loop[variable] = member
            value = each(scope)
            if value is True:
                total += 1
            elif value is not False:
                unknown = value if unknown is None else unknown.merge(value)
        return total if unknown is None else unknown

    return evaluate
