"""The navigator's answer: the procedures to do and the facts still missing.

``Answer.as_json()`` is the Answer format of domain/case-file.md, with a few
fields added for the counter screens and the guidance sheet: ``counter``,
``outside``, ``bring``, ``note``, ``deadline_rule``, ``depends_on`` and
``necessity_by_member``, and the top-level ``notices``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from madoguchi.packs.reading import CounterEntry

Necessity = Literal["must", "may"]

# The answer's classes are plain slotted dataclasses, not frozen ones: a
# frozen dataclass takes four times as long to build, and an answer builds
# several for every case file. Nothing changes them once built.


@dataclass(slots=True)
class ListedProcedure:
    """One procedure the household must or may do, and why."""

    code: str
    name: str
    members: tuple[str, ...]
    department: str
    counter: CounterEntry | None
    outside: bool
    deadline: date | None
    deadline_rule: str | None
    necessity: Necessity
    necessity_by_member: tuple[tuple[str, Necessity], ...]
    reason: str
    bring: tuple[str, ...]
    note: str
    depends_on: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        """Return the procedure as the Answer format's JSON object."""
        counter = self.counter
        return {
            "code": self.code,
            "name": self.name,
            "members": list(self.members),
            "department": self.department,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "necessity": self.necessity,
            "reason": self.reason,
            "counter": None
            if counter is None
            else {
                "code": counter.code,
                "number": counter.number,
                "name": counter.name,
                "floor": counter.floor,
            },
            "outside": self.outside,
            "deadline_rule": self.deadline_rule,
            "necessity_by_member": dict(self.necessity_by_member),
            "bring": list(self.bring),
            "note": self.note,
            "depends_on": list(self.depends_on),
        }


@dataclass(slots=True)
class MissingFact:
    """A fact the case file does not give and a listed procedure depends on."""

    field: str
    question: str
    answers: tuple[tuple[Any, str], ...]
    member: str | None = None

    def as_json(self) -> dict[str, Any]:
        """Return the fact as the Answer format's JSON object."""
        found: dict[str, Any] = {"field": self.field, "question": self.question}
        if self.member is not None:
            found["member"] = self.member
        found["answers"] = [
            {"value": value, "label": label} for value, label in self.answers
        ]
        return found


@dataclass(slots=True)
class Answer:
    """What the navigator answers for one case file."""

    procedures: tuple[ListedProcedure, ...]
    missing: tuple[MissingFact, ...]
    notices: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        """Return the answer as the JSON object of domain/case-file.md."""
        return {
            "procedures": [procedure.as_json() for procedure in self.procedures],
            "missing": [fact.as_json() for fact in self.missing],
            "notices": list(self.notices),
        }

    def codes(self, necessity: Necessity | None = None) -> list[str]:
        """Return the codes listed, or only those of one necessity."""
        return [
            p.code
            for p in self.procedures
            if necessity is None or p.necessity == necessity
        ]
