"""What fills a field: a case-file item or a value derived from one.

A form map names its sources in a small vocabulary (README, "Forms and the
packet"):

- a case-file path: ``phone``, ``event``, ``event_date``, ``visit_date``,
  ``address.address`` (also ``new_address``, ``previous_address``, each
  with ``postal_code``, ``address``, ``katagaki``), ``details.from_place``
  and the other details, ``member.name`` and the other member fields for
  the person a copy is for (or a row is about), ``head.name`` for the
  世帯主, ``procedure.name`` (also ``code``, ``department``, ``deadline``);
- ``today``: the day of the visit;
- ``movers`` and ``subjects`` (both the case's subjects: those who move,
  the deceased, ...), ``members`` (the procedure's members) and
  ``children`` (the household's 子): lists, one table row each;
- ``host.name`` and the other member fields for the 喪主
  (``details.funeral_host``);
- a function of one of these: ``wareki(...)`` for a date in 和暦 with 元年,
  ``age(member)`` or ``age(head)`` in full years on the day of the visit,
  ``katakana(...)`` for a reading typed in hiragana, ``digits(...)`` for
  the digits alone (a postal code in マス目).

Paths are checked against the case-file format when the pack is loaded, so
a typo in a map is a PackError, never an empty box at the counter.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from madoguchi.japanese.kana import to_katakana
from madoguchi.japanese.wareki import to_wareki
from madoguchi.paperwork.errors import PrintError


class Kind(Enum):
    TEXT = "text"
    DATE = "date"
    LIST = "list"
    MEMBER = "member"


_ADDRESS = {"postal_code": Kind.TEXT, "address": Kind.TEXT, "katagaki": Kind.TEXT}
_MEMBER = {
    "id": Kind.TEXT,
    "relationship": Kind.TEXT,
    "age": Kind.TEXT,
    "birth_date": Kind.DATE,
    "sex": Kind.TEXT,
    "name": Kind.TEXT,
    "name_kana": Kind.TEXT,
    "nationality": Kind.TEXT,
    "residence_status": Kind.TEXT,
    "health_insurance": Kind.TEXT,
    "insurance_role": Kind.TEXT,
    "pension": Kind.TEXT,
    "school_stage": Kind.TEXT,
    "care_level": Kind.TEXT,
}
_DETAILS = dict.fromkeys(
    (
        "from_place to_place same_prefecture to_abroad stay_abroad_years "
        "school_district_changes into_care_facility has_care_eligibility_certificate "
        "first_entry_to_japan had_resident_record_here informant funeral_host "
        "deceased_contribution_met father_acknowledged direct_payment_used "
        "delivery_cost_below_lump_sum born_abroad surname_taken "
        "keeps_married_surname custody next_insurance becomes_dependent_of "
        "new_insurance dependents_added continues_employment "
        "pension_qualifying_period_met"
    ).split(),
    Kind.TEXT,
)
_PROCEDURE = {
    "code": Kind.TEXT,
    "name": Kind.TEXT,
    "department": Kind.TEXT,
    "deadline": Kind.DATE,
}
_SECTIONS: dict[str, dict[str, Kind]] = {
    "address": _ADDRESS,
    "new_address": _ADDRESS,
    "previous_address": _ADDRESS,
    "details": _DETAILS,
    "member": _MEMBER,
    "head": _MEMBER,
    "host": _MEMBER,
    "procedure": _PROCEDURE,
}
_SINGLE: dict[str, Kind] = {
    "event": Kind.TEXT,
    "event_date": Kind.DATE,
    "visit_date": Kind.DATE,
    "phone": Kind.TEXT,
    "today": Kind.DATE,
    "movers": Kind.LIST,
    "subjects": Kind.LIST,
    "members": Kind.LIST,
    "children": Kind.LIST,
    "member": Kind.MEMBER,
    "head": Kind.MEMBER,
    "host": Kind.MEMBER,
}
_FUNCTIONS: dict[str, tuple[Kind, Kind]] = {
    # name: (kind of the argument, kind of the result)
    "wareki": (Kind.DATE, Kind.TEXT),
    "age": (Kind.MEMBER, Kind.TEXT),
    "katakana": (Kind.TEXT, Kind.TEXT),
    "digits": (Kind.TEXT, Kind.TEXT),
}
_CALL = re.compile(r"(?P<function>[a-z_]+)\((?P<argument>[a-z_.]+)\)")
_DIGITS = re.compile(r"[^0-9]")


class SourceError(ValueError):
    """A source a form map names that the vocabulary does not have."""


@dataclass(frozen=True)
class Context:
    """What a copy of a form is filled from."""

    case: Mapping[str, Any]
    procedure: Mapping[str, Any]
    member: Mapping[str, Any] | None
    today: date


@dataclass(frozen=True)
class Source:
    """A parsed source: a path, perhaps inside one function."""

    text: str
    path: tuple[str, ...]
    function: str | None
    kind: Kind
    otherwise: Source | None = None

    @property
    def needs_member(self) -> bool:
        """Tell whether the source speaks of the person a copy is for."""
        later = self.otherwise
        return self.path[0] == "member" or (later is not None and later.needs_member)

    def value(self, context: Context) -> Any:
        """Return the value for a copy: text, a list of members, or None."""
        raw = _lookup(self.path, context)
        if raw is None or raw == "" or raw == []:
            return None if self.otherwise is None else self.otherwise.value(context)
        if self.function is None:
            return raw if self.kind is Kind.LIST else _text(raw)
        return _apply(self.function, raw, self.text, context)


def parse_source(text: str | list[str]) -> Source:
    """Read a source as a form map writes it, or raise SourceError.

    A list of sources means the first that has a value, as in
    ``[previous_address.address, address.address]``.
    """
    if isinstance(text, list):
        if not text:
            raise SourceError("空のリストは使えません")
        first, *rest = (parse_source(str(item)) for item in text)
        chain = None
        for later in reversed(rest):
            if later.kind is not first.kind:
                raise SourceError(f"'{first.text}' と '{later.text}' は種類が違います")
            chain = dataclasses.replace(later, otherwise=chain)
        return dataclasses.replace(first, otherwise=chain)
    text = str(text).strip()
    call = _CALL.fullmatch(text)
    function = call["function"] if call else None
    path_text = call["argument"] if call else text
    path = tuple(path_text.split("."))
    kind = _kind_of(path, path_text)

    if function is None:
        if kind is Kind.DATE:
            raise SourceError(f"日付 '{text}' は wareki({text}) と書いてください")
        if kind is Kind.MEMBER:
            raise SourceError(
                f"'{text}' は人です。{text}.name などの項目を選んでください"
            )
        return Source(text, path, None, kind)

    if function not in _FUNCTIONS:
        names = "、".join(_FUNCTIONS)
        raise SourceError(f"関数 '{function}' はありません(使えるのは {names})")
    wanted, result = _FUNCTIONS[function]
    if kind is not wanted:
        raise SourceError(f"{function}() に '{path_text}' は渡せません")
    return Source(text, path, function, result)


def _kind_of(path: tuple[str, ...], text: str) -> Kind:
    if len(path) == 1 and path[0] in _SINGLE:
        return _SINGLE[path[0]]
    if len(path) == 2 and path[0] in _SECTIONS:
        section = _SECTIONS[path[0]]
        if path[1] in section:
            return section[path[1]]
        raise SourceError(
            f"'{text}' は案件ファイルにありません({path[0]} の項目は "
            f"{'、'.join(section)})"
        )
    raise SourceError(f"'{text}' は案件ファイルにありません")


def _lookup(path: Sequence[str], context: Context) -> Any:
    first, *rest = path
    if first == "today":
        return context.today
    if first in ("movers", "subjects"):
        return members_named(context.case, context.case.get("subjects", []))
    if first == "members":
        return members_named(context.case, context.procedure.get("members", []))
    if first == "children":
        household = context.case.get("household", [])
        return [m for m in household if m.get("relationship") == "子"]
    if first == "member":
        holder: Any = context.member
    elif first == "head":
        holder = household_head(context.case)
    elif first == "host":
        host = (context.case.get("details") or {}).get("funeral_host")
        household = context.case.get("household", [])
        holder = next((m for m in household if m.get("id") == host), None)
    elif first == "procedure":
        holder = context.procedure
    else:
        holder = context.case.get(first)
    for key in rest:
        holder = holder.get(key) if isinstance(holder, Mapping) else None
    return holder


def members_named(
    case: Mapping[str, Any], ids: Sequence[str]
) -> list[Mapping[str, Any]]:
    """Return the household members with these ids, in household order."""
    wanted = set(ids)
    found = [m for m in case.get("household", []) if m.get("id") in wanted]
    missing = wanted - {m.get("id") for m in found}
    if missing:
        raise PrintError(
            f"世帯にいない人 {'、'.join(sorted(missing))} が指定されています"
        )
    return found


def household_head(case: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """Return the 世帯主, or None when the household names none."""
    return next(
        (m for m in case.get("household", []) if m.get("relationship") == "世帯主"),
        None,
    )


def addressee(case: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """Return who the guidance sheet is for: the one who files, else the head.

    The informant the interview named comes first. Without one, a death of
    the head is reported by the family: the first other member, who is the
    spouse when the counter built the case (head, then by birth).
    """
    members: list[Mapping[str, Any]] = case.get("household", [])
    informant = (case.get("details") or {}).get("informant")
    named = next((m for m in members if m.get("id") == informant), None)
    if named is not None:
        return named
    head = household_head(case)
    subjects = case.get("subjects", [])
    if case.get("event") == "death" and head is not None and head.get("id") in subjects:
        return next((m for m in members if m.get("id") not in subjects), None)
    return head


def read_date(value: Any, field: str) -> date:
    """Read a case-file date (YYYY-MM-DD) or raise PrintError naming it."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise PrintError(
            f"{field} の「{value}」は日付(YYYY-MM-DD)として読めません"
        ) from None


def age_on(member: Mapping[str, Any], day: date) -> int | None:
    """Return a member's age in full years on a day."""
    born = member.get("birth_date")
    if born is None:
        age = member.get("age")
        return int(age) if age is not None else None
    birth = read_date(born, "birth_date")
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _apply(function: str, raw: Any, text: str, context: Context) -> str | None:
    if function == "wareki":
        return to_wareki(read_date(raw, text))
    if function == "age":
        age = age_on(raw, context.today)
        return None if age is None else str(age)
    if function == "katakana":
        return to_katakana(_text(raw))
    return _DIGITS.sub("", _text(raw)) or None


def _text(raw: Any) -> str:
    if isinstance(raw, bool):
        return "はい" if raw else "いいえ"
    return str(raw)
