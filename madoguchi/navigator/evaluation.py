"""Decide, procedure by procedure, what a household must or may do.

The household's values are worked out once per case (ages, who is a
subject, who is the head, which facts are unknown), and only the procedures
the catalogue lists for the case's event are evaluated. For a procedure
``for: subjects`` or ``for: household`` the conditions are evaluated once
per member concerned; a procedure concerning no member is not listed.

``must`` true lists the procedure as must. ``must`` unknown lists it as may
and asks for the facts that left it unknown, since a missing fact is never
guessed. ``must`` false leaves ``may`` to decide, in the same way.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from madoguchi.navigator.answer import Answer, ListedProcedure, MissingFact, Necessity
from madoguchi.navigator.casefile import HEAD, CaseFile
from madoguchi.navigator.catalogue import Catalogue, Procedure
from madoguchi.navigator.facts import detail_facts, member_facts
from madoguchi.navigator.logic import Fact, Member, Scope, Truth, Unknown

_CHILD_AGE = 18
_NO_EVENT_DATE = (
    "出来事の日(event_date)が入力されていないため、"
    "出来事の日から数える期限は計算していません。"
)


def answer_case(case: CaseFile, catalogue: Catalogue) -> Answer:
    """List the procedures of the case's event that the household must or may do."""
    scope = build_scope(case)
    listed: list[ListedProcedure] = []
    missing: dict[Fact, None] = {}
    no_event_date = False

    for procedure in catalogue.active_by_event[case.event]:
        decided = _decide_procedure(procedure, case, scope)
        if decided is None:
            continue
        necessity, members, by_member, facts = decided
        missing.update(dict.fromkeys(facts))
        deadline = None
        rule = procedure.deadline
        if rule is not None:
            start = case.event_date if rule.start == "event_date" else case.visit_date
            if start is None:
                no_event_date = True
            else:
                deadline = rule.due(start, catalogue.closed)
        listed.append(
            ListedProcedure(
                code=procedure.code,
                name=procedure.name,
                members=members,
                department=procedure.department,
                counter=procedure.counter,
                outside=procedure.outside,
                deadline=deadline,
                deadline_rule=procedure.deadline_rule,
                necessity=necessity,
                necessity_by_member=by_member,
                reason=procedure.reason,
                bring=procedure.bring,
                note=procedure.note,
                depends_on=tuple(fact.path for fact in facts),
            )
        )

    questions = tuple(_missing_fact(fact, catalogue) for fact in missing)
    notices = (_NO_EVENT_DATE,) if no_event_date else ()
    return Answer(tuple(listed), questions, notices)


_Decided = tuple[
    Necessity, tuple[str, ...], tuple[tuple[str, Necessity], ...], tuple[Fact, ...]
]


def _decide_procedure(
    procedure: Procedure, case: CaseFile, scope: Scope
) -> _Decided | None:
    """Return the necessity, members, per-member necessity and missing facts."""
    must_condition, may_condition = procedure.conditions[case.event]
    must, may = must_condition.evaluate, may_condition.evaluate
    if procedure.concerns == "once":
        scope.member = _NOBODY
        necessity, facts = _decide(must, may, scope)
        if necessity is None:
            return None
        return necessity, case.subjects, (), facts

    concerned = scope.subjects if procedure.concerns == "subjects" else scope.household
    overall: Necessity | None = None
    members: list[str] = []
    by_member: list[tuple[str, Necessity]] = []
    all_facts: tuple[Fact, ...] = ()
    for member in concerned:
        scope.member = member
        necessity, facts = _decide(must, may, scope)
        if necessity is None:
            continue
        members.append(member["id"])
        by_member.append((member["id"], necessity))
        if necessity == "must" or overall is None:
            overall = necessity
        if facts:
            all_facts += tuple(fact for fact in facts if fact not in all_facts)
    if overall is None:
        return None
    return overall, tuple(members), tuple(by_member), all_facts


_NOBODY: Member = {}
_MUST: tuple[Necessity, tuple[Fact, ...]] = ("must", ())
_MAY: tuple[Necessity, tuple[Fact, ...]] = ("may", ())
_NONE: tuple[None, tuple[Fact, ...]] = (None, ())


def _decide(
    must: Callable[[Scope], Truth], may: Callable[[Scope], Truth], scope: Scope
) -> tuple[Necessity | None, tuple[Fact, ...]]:
    """Return must or may (or None) for the member in scope, and what to ask."""
    value = must(scope)
    if value is True:
        return _MUST
    if value is not False:
        # Knowing the missing facts would settle must against may, so ask
        # for them whatever may says.
        return "may", value.facts
    value = may(scope)
    if value is True:
        return _MAY
    if value is False:
        return _NONE
    return "may", value.facts


def _missing_fact(fact: Fact, catalogue: Catalogue) -> MissingFact:
    question = catalogue.question(fact.key)
    return MissingFact(fact.path, question.question, question.answers, fact.member)


def build_scope(case: CaseFile) -> Scope:
    """Work out, once per case, every value a condition may read."""
    subjects = frozenset(case.subjects)
    household = tuple(
        _member(raw, index, age, raw["id"] in subjects)
        for index, (raw, age) in enumerate(zip(case.household, case.ages, strict=True))
    )
    head = next(m for m in household if m["is_head"])
    return Scope(
        event=case.event,
        details=_details(case.details),
        head=head,
        household=household,
        subjects=tuple(m for m in household if m["is_subject"]),
        others=tuple(m for m in household if not m["is_subject"]),
        children=tuple(m for m in household if m["age"] < _CHILD_AGE),
    )


@functools.lru_cache(maxsize=1024)
def _member_defaults(index: int, member_id: str) -> Member:
    """Return what each member field is when the case file leaves it out."""
    defaults: Member = {}
    for key, fact in member_facts().items():
        if fact.absent == "false":
            defaults[key] = False
        elif fact.absent == "null":
            defaults[key] = None
        elif fact.absent == "unknown":
            path = f"household[{index}].{key}"
            defaults[key] = Unknown((Fact(path, f"member.{key}", member_id),))
    return defaults


@functools.cache
def _detail_defaults() -> dict[str, Any]:
    """Return every detail as unknown, the value of a detail left out."""
    return {
        key: Unknown((Fact(f"details.{key}", f"details.{key}"),))
        for key in detail_facts()
    }


def _member(raw: dict[str, Any], index: int, age: int, is_subject: bool) -> Member:
    member = _member_defaults(index, raw["id"]).copy()
    member.update(raw)
    raw_flags = raw.get("flags")
    if raw_flags:
        for flag, value in raw_flags.items():
            member[f"flags.{flag}"] = value
    member["age"] = age
    member["is_subject"] = is_subject
    member["is_head"] = raw["relationship"] == HEAD
    return member


def _details(given: dict[str, Any]) -> dict[str, Any]:
    details = _detail_defaults().copy()
    details.update(given)
    return details


@dataclass(frozen=True)
class Verdict:
    """What one procedure's conditions gave for one member (or the household)."""

    member: str | None
    must: Truth
    may: Truth | None
    necessity: Necessity | None
    facts: tuple[Fact, ...]


@dataclass(frozen=True)
class Explanation:
    """Why a procedure of the event was listed or left out."""

    procedure: Procedure
    verdicts: tuple[Verdict, ...]
    necessity: Necessity | None


def explain_case(case: CaseFile, catalogue: Catalogue) -> list[Explanation]:
    """Evaluate every procedure of the event, listed or not, member by member."""
    scope = build_scope(case)
    explanations = []
    for procedure in catalogue.by_event[case.event]:
        verdicts = tuple(_judge(procedure, scope))
        found = [v.necessity for v in verdicts if v.necessity]
        necessity: Necessity | None = (
            ("must" if "must" in found else "may") if found else None
        )
        explanations.append(Explanation(procedure, verdicts, necessity))
    return explanations


def _judge(procedure: Procedure, scope: Scope) -> list[Verdict]:
    """Evaluate a procedure's conditions for each member it may concern."""
    if procedure.concerns == "once":
        scope.member = _NOBODY
        return [_verdict(procedure, scope, None)]
    members = scope.subjects if procedure.concerns == "subjects" else scope.household
    verdicts = []
    for member in members:
        scope.member = member
        verdicts.append(_verdict(procedure, scope, member["id"]))
    return verdicts


def _verdict(procedure: Procedure, scope: Scope, member: str | None) -> Verdict:
    """Decide as _decide does, keeping what each condition gave."""
    must_condition, may_condition = procedure.conditions[scope.event]
    must = must_condition.evaluate(scope)
    if must is True:
        return Verdict(member, must, None, "must", ())
    if isinstance(must, Unknown):
        return Verdict(member, must, None, "may", must.facts)
    may = may_condition.evaluate(scope)
    if may is True:
        return Verdict(member, must, may, "may", ())
    if isinstance(may, Unknown):
        return Verdict(member, must, may, "may", may.facts)
    return Verdict(member, must, may, None, ())
