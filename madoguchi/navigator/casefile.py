"""Read a case file (domain/case-file.md) and say everything wrong with it.

The bundled JSON schema checks shapes, types and allowed values, with
``jsonschema``; this module then checks what a schema cannot: that member
ids are unique, that every id a field refers to is a member of the
household, and that the household has one 世帯主. Every problem is reported
with its path in the file (``household[2].pension``) and a message in
Japanese, so that the clerk or the calling system can fix them all at once.

A valid case file is recognised by ``jsonschema-rs`` in a few microseconds;
only a file it rejects goes through ``jsonschema``, whose errors carry what
the Japanese messages need. ``jsonschema`` alone takes some 700 µs a case
file, more than the whole navigator's budget.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import jsonschema_rs
from jsonschema import Draft202012Validator, ValidationError

from madoguchi.japanese.wareki import PartialDate
from madoguchi.navigator.facts import case_file_schema

JAPAN = ZoneInfo("Asia/Tokyo")
HEAD = "世帯主"
# The register's dates start with the Gregorian calendar in Japan.
_EARLIEST_BIRTH_YEAR = 1873

_TYPE_LABELS = {
    "string": "文字列",
    "integer": "整数",
    "number": "数値",
    "boolean": "真偽値(true/false)",
    "array": "リスト",
    "object": "オブジェクト",
    "null": "null",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a case file: where, and what, in Japanese."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path or '(全体)'}: {self.message}"


class CaseFileError(ValueError):
    """A case file the navigator cannot read, with every problem in it."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclass(frozen=True)
class CaseFile:
    """A valid case file, with the dates and ages the navigator counts from."""

    event: str
    event_date: date | None
    visit_date: date
    subjects: tuple[str, ...]
    household: tuple[dict[str, Any], ...]
    ages: tuple[int, ...]
    details: dict[str, Any]

    @property
    def reference_date(self) -> date:
        """Return the day ages are counted on: the event's, else the visit's."""
        return self.event_date or self.visit_date

    def display_name(self, member_id: str) -> str:
        """Return a member's registered name with the id, or the id alone."""
        for member in self.household:
            if member["id"] == member_id and member.get("name"):
                return f"{member['name']}({member_id})"
        return member_id


@functools.cache
def _fast_validator() -> jsonschema_rs.Draft202012Validator:
    return jsonschema_rs.Draft202012Validator(case_file_schema(), validate_formats=True)


@functools.cache
def _validator() -> Draft202012Validator:
    schema = case_file_schema()
    return Draft202012Validator(
        schema, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def read_case(document: object, *, today: date | None = None) -> CaseFile:
    """Check a case file (or an example file holding one) and read it.

    ``today`` stands in for the visit date when the case file gives none.
    """
    if isinstance(document, dict) and "case" in document and "event" not in document:
        document = document["case"]
    if not isinstance(document, dict):
        raise CaseFileError(
            [
                Problem(
                    "", "事案ファイルは JSON のオブジェクト({ … })である必要があります"
                )
            ]
        )

    problems = _schema_problems(document)
    problems.extend(_reference_problems(document))
    if problems:
        raise CaseFileError(_unique(problems))

    visit = document.get("visit_date")
    event = document.get("event_date")
    visit_date = (
        date.fromisoformat(visit) if visit else today or datetime.now(JAPAN).date()
    )
    event_date = date.fromisoformat(event) if event else None
    household = tuple(document["household"])
    reference = event_date or visit_date
    ages, age_problems = _ages(household, reference)
    if age_problems:
        raise CaseFileError(age_problems)
    return CaseFile(
        event=document["event"],
        event_date=event_date,
        visit_date=visit_date,
        subjects=tuple(document["subjects"]),
        household=household,
        ages=ages,
        details=dict(document.get("details") or {}),
    )


def format_path(parts: Iterable[Any]) -> str:
    """Write a JSON path as ``household[2].flags.owns_dog``."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _schema_problems(document: dict[str, Any]) -> list[Problem]:
    """Return what the schema finds wrong, with Japanese messages."""
    fast = _fast_validator()
    if fast.is_valid(document):
        return []
    problems = [
        problem
        for error in _validator().iter_errors(document)
        for problem in _translate(error)
    ]
    if problems:
        return problems
    # The two validators disagree only on a corner of the standard; the
    # file is still refused, in jsonschema-rs's own words.
    return [
        Problem(format_path(error.instance_path), error.message)
        for error in fast.iter_errors(document)
    ]


def _translate(error: ValidationError) -> Iterator[Problem]:
    """Turn one jsonschema error into problems with Japanese messages."""
    parts = list(error.absolute_path)
    path = format_path(parts)
    kind = error.validator
    instance: Any = error.instance
    expected: Any = error.validator_value
    schema: Any = error.schema

    if kind == "required":
        for name in expected:
            if isinstance(instance, dict) and name not in instance:
                yield Problem(format_path([*parts, name]), "必須の項目がありません")
    elif kind == "additionalProperties":
        known = list(schema.get("properties", {}))
        for name in instance:
            if name not in known:
                close = difflib.get_close_matches(name, known, n=1)
                hint = f"({close[0]} のことですか?)" if close else ""
                yield Problem(
                    format_path([*parts, name]),
                    f"'{name}' という項目はありません{hint}",
                )
    elif kind == "enum":
        allowed = ", ".join("null" if v is None else str(v) for v in expected)
        yield Problem(path, f"{_shown(instance)} は選べません(選べるのは {allowed})")
    elif kind == "type":
        names = expected if isinstance(expected, list) else [expected]
        wanted = "か".join(_TYPE_LABELS.get(str(name), str(name)) for name in names)
        yield Problem(
            path, f"{wanted}である必要があります({_shown(instance)} になっています)"
        )
    elif kind == "format":
        yield Problem(
            path,
            f"日付は 2026-04-01 のように書きます({_shown(instance)} は日付ではありません)",
        )
    elif kind == "minItems":
        yield Problem(path, f"少なくとも{expected}つ必要です")
    elif kind == "minLength":
        yield Problem(path, "空にはできません")
    elif kind == "minimum":
        yield Problem(
            path,
            f"{expected}以上である必要があります({_shown(instance)} になっています)",
        )
    elif kind == "maximum":
        yield Problem(
            path,
            f"{expected}以下である必要があります({_shown(instance)} になっています)",
        )
    elif kind == "pattern":
        yield Problem(
            path, f"形式が違います(例: 090-0024)({_shown(instance)} になっています)"
        )
    elif kind == "oneOf" and isinstance(instance, dict):
        if "age" in instance and "birth_date" in instance:
            yield Problem(path, "age と birth_date はどちらか一方だけを書きます")
        else:
            yield Problem(path, "age(年齢)か birth_date(生年月日)のどちらかが必要です")
    else:
        yield Problem(path, error.message)


def _shown(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{value}'"
    return str(value)


def _reference_problems(document: dict[str, Any]) -> Iterator[Problem]:
    """Check the ids that refer to members, which the schema cannot."""
    household = document.get("household")
    if not isinstance(household, list):
        return
    members = [m for m in household if isinstance(m, dict)]
    ids: dict[str, int] = {}
    for index, member in enumerate(household):
        if not isinstance(member, dict) or not isinstance(member.get("id"), str):
            continue
        member_id = member["id"]
        if member_id in ids:
            yield Problem(
                f"household[{index}].id",
                f"'{member_id}' は household[{ids[member_id]}] でも使われています(id は世帯の中で一つずつ)",
            )
        else:
            ids[member_id] = index

    heads = sum(1 for m in members if m.get("relationship") == HEAD)
    if heads != 1 and members:
        yield Problem(
            "household",
            f"続柄が「{HEAD}」の世帯員がちょうど1人必要です({heads}人になっています)",
        )

    def refer(path: str, value: Any, *, other: bool = False) -> Iterator[Problem]:
        if not isinstance(value, str) or value in ids or (other and value == "other"):
            return
        also = "、または other" if other else ""
        yield Problem(
            path, f"'{value}' という世帯員はいません(household の id{also} を書きます)"
        )

    subjects = document.get("subjects")
    if isinstance(subjects, list):
        for index, subject in enumerate(subjects):
            yield from refer(f"subjects[{index}]", subject)
            if subject in subjects[:index]:
                yield Problem(f"subjects[{index}]", f"'{subject}' が2回あります")

    for index, member in enumerate(household):
        if isinstance(member, dict) and member.get("insured_via") is not None:
            path = f"household[{index}].insured_via"
            yield from refer(path, member["insured_via"])
            if member["insured_via"] == member.get("id"):
                yield Problem(
                    path, "自分自身は指せません(扶養している世帯員の id を書きます)"
                )

    details = document.get("details")
    if not isinstance(details, dict):
        return
    yield from refer("details.informant", details.get("informant"), other=True)
    yield from refer("details.funeral_host", details.get("funeral_host"), other=True)
    yield from refer("details.custody", details.get("custody"))
    yield from refer(
        "details.becomes_dependent_of", details.get("becomes_dependent_of")
    )
    added = details.get("dependents_added")
    if isinstance(added, list):
        for index, member_id in enumerate(added):
            yield from refer(f"details.dependents_added[{index}]", member_id)


def _ages(
    household: tuple[dict[str, Any], ...], reference: date
) -> tuple[tuple[int, ...], list[Problem]]:
    """Return each member's age on ``reference``, from age or birth_date."""
    ages: list[int] = []
    problems: list[Problem] = []
    for index, member in enumerate(household):
        if "age" in member:
            ages.append(member["age"])
            continue
        born = date.fromisoformat(member["birth_date"])
        if born.year < _EARLIEST_BIRTH_YEAR:
            problems.append(
                Problem(
                    f"household[{index}].birth_date",
                    f"{_EARLIEST_BIRTH_YEAR}年より前の生年月日は扱えません",
                )
            )
            ages.append(0)
            continue
        if born > reference:
            problems.append(
                Problem(
                    f"household[{index}].birth_date",
                    f"出来事の日(来庁日){reference.isoformat()} より後の日です",
                )
            )
            ages.append(0)
            continue
        ages.append(PartialDate.from_date(born).age_on(reference))
    return tuple(ages), problems


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[Problem] = set()
    kept = []
    for problem in problems:
        if problem not in seen:
            seen.add(problem)
            kept.append(problem)
    return kept
