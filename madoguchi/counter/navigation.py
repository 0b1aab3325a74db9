"""Ask the navigator about a whole visit: one case file per event, one answer.

A marriage filed with a move is two case files (domain/case-file.md); the
clerk sees one list of questions and one list of procedures. A procedure
listed for both events is listed once, with its members together; the
event that makes it a "must" (else the first) gives its necessity, its
deadline and the case its form is printed from (kept as ``event``).
"""

from dataclasses import dataclass, field
from typing import Any

from madoguchi.counter.casefile import answer_key, build_cases
from madoguchi.navigator.answer import MissingFact
from madoguchi.navigator.service import navigate


@dataclass
class VisitAnswer:
    """The navigator's answer for every event of a visit."""

    cases: list[dict[str, Any]]
    procedures: list[dict[str, Any]] = field(default_factory=list)
    # Each fact with the answer key it is stored under (see casefile.py).
    missing: list[tuple[str, MissingFact]] = field(default_factory=list)


def navigate_visit(visit: Any) -> VisitAnswer:
    """Return the procedures and missing facts of all the visit's events.

    Raises CaseFileError when a case file is not valid.
    """
    found = VisitAnswer(cases=build_cases(visit))
    by_code: dict[str, dict[str, Any]] = {}
    asked: set[str] = set()
    for case in found.cases:
        answer = navigate(case)
        for procedure in answer.as_json()["procedures"]:
            procedure["event"] = case["event"]
            kept = by_code.get(procedure["code"])
            if kept is None:
                by_code[procedure["code"]] = procedure
                found.procedures.append(procedure)
            else:
                _merge(kept, procedure)
        for fact in answer.missing:
            key = answer_key(case, fact.field)
            if key not in asked:
                asked.add(key)
                found.missing.append((key, fact))
    return found


def _merge(kept: dict[str, Any], other: dict[str, Any]) -> None:
    members = kept["members"] + [
        m for m in other["members"] if m not in kept["members"]
    ]
    by_member = dict(other["necessity_by_member"])
    for member, necessity in kept["necessity_by_member"].items():
        if by_member.get(member) != "must":
            by_member[member] = necessity
    if kept["necessity"] == "may" and other["necessity"] == "must":
        kept.update(other)
    kept["members"] = members
    kept["necessity_by_member"] = by_member
