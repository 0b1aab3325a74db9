"""Read a pack's procedure catalogue: procedures, questions and closed days.

``procedures.yaml`` lists the procedures the municipality offers, each with
the events that may trigger it and the conditions, written in the language
of ``conditions.py``, under which a household must or may do it.
``questions.yaml`` words the questions the navigator asks for a missing
fact; the navigator's own ``questions.yaml`` words the rest. The optional
``calendar.yaml`` lists the days city hall is closed beyond weekends,
holidays and 年末年始.

Every mistake is collected, so that one run of ``madoguchi pack validate``
shows them all as ``file:line: reason``.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from madoguchi.navigator.conditions import Condition, ConditionError, compile_condition
from madoguchi.navigator.deadlines import (
    ClosedDays,
    DeadlineRule,
    DeadlineRuleError,
    closed_days,
    parse_deadline,
)
from madoguchi.navigator.facts import FactType, events, fact_type
from madoguchi.packs.reading import (
    CounterEntry,
    Offices,
    PackError,
    PackErrors,
    PackMapping,
    read_offices,
    read_yaml,
)

Concerns = Literal["subjects", "household", "once"]

CONCERNS: tuple[str, ...] = ("subjects", "household", "once")
NATIONAL_CATALOGUE = Path(__file__).with_name("procedures.json")
DEFAULT_QUESTIONS = Path(__file__).with_name("questions.yaml")

_REQUIRED = ("code", "name", "events", "for", "must", "reason")
_OPTIONAL = ("department", "counter", "outside", "may", "deadline", "bring", "note")
_FALSE = compile_condition("false", member_in_scope=False)


@dataclass(frozen=True)
class Procedure:
    """One procedure of the catalogue, ready to be evaluated."""

    code: str
    name: str
    department: str
    counter: CounterEntry | None
    outside: bool
    events: tuple[str, ...]
    concerns: Concerns
    must: Condition
    may: Condition
    # must and may compiled for each of the events, with event folded away.
    conditions: dict[str, tuple[Condition, Condition]]
    deadline: DeadlineRule | None
    bring: tuple[str, ...]
    reason: str
    note: str
    line: int

    @functools.cached_property
    def deadline_rule(self) -> str | None:
        """Return the deadline rule in words, or None without a deadline."""
        return self.deadline.describe() if self.deadline else None


@dataclass(frozen=True)
class Question:
    """How the navigator asks for one fact, and the answers it takes."""

    key: str
    question: str
    answers: tuple[tuple[Any, str], ...]


@dataclass(frozen=True)
class Catalogue:
    """A pack's procedures, indexed by event, with its questions and calendar."""

    folder: Path
    procedures: tuple[Procedure, ...]
    # Every procedure that lists the event, and of those the ones whose
    # conditions can hold for it at all.
    by_event: dict[str, tuple[Procedure, ...]]
    active_by_event: dict[str, tuple[Procedure, ...]]
    questions: dict[str, Question]
    closed: ClosedDays

    def question(self, key: str) -> Question:
        """Return the question for a field key, worded from the schema if need be."""
        found = self.questions.get(key)
        if found is not None:
            return found
        return Question(
            key, f"{key} を確認してください", _schema_answers(fact_type(key))
        )


@functools.cache
def national_procedures() -> dict[str, str]:
    """Return the codes of domain/procedures.md with their names."""
    with NATIONAL_CATALOGUE.open(encoding="utf-8") as stream:
        listed = json.load(stream)["procedures"]
    return {item["code"]: item["name"] for item in listed}


def read_catalogue(folder: Path) -> Catalogue:
    """Read the catalogue of the pack in ``folder``; raise PackErrors if wrong."""
    problems: list[PackError] = []
    offices: Offices | None = None
    try:
        offices = read_offices(folder)
    except PackErrors as error:
        problems.extend(error.problems)
    except PackError as error:
        problems.append(error)

    procedures = _read_procedures(folder / "procedures.yaml", offices, problems)
    questions = _read_questions(DEFAULT_QUESTIONS, problems)
    pack_questions = folder / "questions.yaml"
    if pack_questions.exists():
        questions |= _read_questions(pack_questions, problems)
    closed = _read_calendar(folder / "calendar.yaml", problems)

    if problems:
        raise PackErrors(problems)
    by_event = {
        event: tuple(p for p in procedures if event in p.events) for event in events()
    }
    active_by_event = {
        event: tuple(p for p in listed if not _never(p, event))
        for event, listed in by_event.items()
    }
    return Catalogue(
        folder, tuple(procedures), by_event, active_by_event, questions, closed
    )


def _never(procedure: Procedure, event: str) -> bool:
    """Tell whether a procedure's conditions are false for an event whatever the case."""
    must, may = procedure.conditions[event]
    return must.constant is False and may.constant is False


def has_catalogue(folder: Path) -> bool:
    """Tell whether the pack in ``folder`` has a procedure catalogue."""
    return (folder / "procedures.yaml").exists()


def _read_procedures(
    path: Path, offices: Offices | None, problems: list[PackError]
) -> list[Procedure]:
    try:
        data = read_yaml(path)
    except PackError as error:
        problems.append(error)
        return []
    listed = data.get("procedures")
    if not isinstance(listed, list) or not listed:
        reason = "'procedures' に手続のリストが必要です"
        problems.append(PackError(path, data.line_of("procedures"), reason))
        return []

    procedures: list[Procedure] = []
    seen: dict[str, int] = {}
    for item in listed:
        if not isinstance(item, PackMapping):
            reason = "手続は code: などのキーを持つ項目である必要があります"
            problems.append(PackError(path, data.line_of("procedures"), reason))
            continue
        reader = _ProcedureReader(path, item, offices)
        procedure = reader.read()
        problems.extend(sorted(reader.problems, key=lambda p: p.line or 0))
        if procedure is None:
            continue
        if procedure.code in seen:
            reason = f"手続 {procedure.code} は {seen[procedure.code]}行目にもあります"
            problems.append(PackError(path, item.line_of("code"), reason))
            continue
        seen[procedure.code] = item.line_of("code")
        procedures.append(procedure)
    return procedures


class _ProcedureReader:
    """Read one procedure of procedures.yaml, noting every mistake in it."""

    def __init__(self, path: Path, item: PackMapping, offices: Offices | None) -> None:
        self.path = path
        self.item = item
        self.offices = offices
        self.problems: list[PackError] = []
        self.code = str(item.get("code") or "?")

    def problem(self, key: str, reason: str) -> None:
        where = f"手続 {self.code} の {key}: " if key != "code" else ""
        self.problems.append(
            PackError(self.path, self.item.line_of(key), where + reason)
        )

    def read(self) -> Procedure | None:
        item = self.item
        for key in item:
            if key not in _REQUIRED and key not in _OPTIONAL:
                self.problem(str(key), "このキーは使えません")
        for key in _REQUIRED:
            if item.get(key) in (None, "", []):
                self.problems.append(
                    PackError(
                        self.path,
                        item.line,
                        f"手続 {self.code}: '{key}' がありません",
                    )
                )
        if self.problems:
            return None

        code = self.text("code")
        if code not in national_procedures():
            self.problem(
                "code", f"手続コード '{code}' は手続カタログ(procedures.md)にありません"
            )
        event_codes = self.events()
        concerns = self.concerns()
        member_in_scope = concerns != "once"
        must = self.condition("must", member_in_scope)
        may = self.condition("may", member_in_scope) if "may" in item else _FALSE
        department, counter, outside = self.place()
        deadline = self.deadline()
        bring = self.texts("bring")
        if self.problems or must is None or may is None or concerns is None:
            return None
        conditions = {
            event: (
                compile_condition(
                    must.text, member_in_scope=member_in_scope, event=event
                ),
                compile_condition(
                    may.text, member_in_scope=member_in_scope, event=event
                ),
            )
            for event in event_codes
        }
        return Procedure(
            code=code,
            name=self.text("name"),
            department=department,
            counter=counter,
            outside=outside,
            events=event_codes,
            concerns=concerns,
            must=must,
            may=may,
            conditions=conditions,
            deadline=deadline,
            bring=bring,
            reason=self.text("reason"),
            note=self.text("note") if item.get("note") else "",
            line=item.line,
        )

    def text(self, key: str) -> str:
        value = self.item.get(key)
        if not isinstance(value, str | int) or isinstance(value, bool):
            self.problem(key, "文字列である必要があります")
            return ""
        return str(value)

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.item.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(key, "文字列のリストである必要があります")
            return ()
        return tuple(value)

    def events(self) -> tuple[str, ...]:
        value = self.item.get("events")
        if not isinstance(value, list):
            self.problem(
                "events", "出来事のリスト([move_in, birth] など)である必要があります"
            )
            return ()
        for event in value:
            if event not in events():
                self.problem(
                    "events",
                    f"出来事 '{event}' はありません(使えるのは {', '.join(events())})",
                )
        return tuple(str(event) for event in value)

    def concerns(self) -> Concerns | None:
        value = self.item.get("for")
        if value == "subjects":
            return "subjects"
        if value == "household":
            return "household"
        if value == "once":
            return "once"
        self.problem(
            "for", f"'{value}' は使えません(subjects, household, once のどれか)"
        )
        return None

    def condition(self, key: str, member_in_scope: bool) -> Condition | None:
        value = self.item.get(key)
        if isinstance(value, bool):
            value = "true" if value else "false"
        if not isinstance(value, str):
            self.problem(key, "条件は文字列で書きます(例: 'member.age >= 65')")
            return None
        try:
            return compile_condition(value, member_in_scope=member_in_scope)
        except ConditionError as error:
            self.problem(key, f"{error.column}文字目: {error.reason}")
            return None

    def place(self) -> tuple[str, CounterEntry | None, bool]:
        """Return the department's name (or outside body), counter, outside."""
        item = self.item
        department_code = item.get("department")
        counter_code = item.get("counter")
        outside = item.get("outside")
        if outside not in (None, ""):
            if department_code or counter_code:
                self.problem(
                    "outside", "outside の手続には department と counter を書きません"
                )
            if not isinstance(outside, str):
                self.problem("outside", "outside は手続先の名前(文字列)です")
                return "", None, True
            return outside, None, True
        if not department_code:
            self.problem(
                "department",
                "department(担当課のコード)か outside(市役所の外の手続先)が必要です",
            )
            return "", None, False
        if self.offices is None:
            return str(department_code), None, False

        department = self.offices.departments.get(str(department_code))
        if department is None:
            known = ", ".join(self.offices.departments)
            self.problem(
                "department",
                f"担当課 '{department_code}' は offices.yaml にありません(あるのは {known})",
            )
            return str(department_code), None, False
        if counter_code in (None, ""):
            return department.name, None, False
        counter = self.offices.counters.get(str(counter_code))
        if counter is None:
            self.problem(
                "counter", f"窓口 '{counter_code}' は offices.yaml にありません"
            )
            return department.name, None, False
        if counter.department != department.code:
            self.problem(
                "counter",
                f"窓口 '{counter.code}' は担当課 '{counter.department}' の窓口です"
                f"(department は '{department.code}')",
            )
        return department.name, counter, False

    def deadline(self) -> DeadlineRule | None:
        spec = self.item.get("deadline")
        if spec is None:
            return None
        if not isinstance(spec, PackMapping):
            self.problem("deadline", "{rule: jumin, days: 14} のように書きます")
            return None
        try:
            return parse_deadline(spec)
        except DeadlineRuleError as error:
            self.problems.append(
                PackError(
                    self.path,
                    spec.line_of(error.key),
                    f"手続 {self.code} の deadline: {error.reason}",
                )
            )
            return None


def _read_questions(path: Path, problems: list[PackError]) -> dict[str, Question]:
    try:
        data = read_yaml(path)
    except PackError as error:
        problems.append(error)
        return {}
    listed = data.get("questions")
    if not isinstance(listed, PackMapping):
        reason = "'questions' に「項目: {question: …}」の対応が必要です"
        problems.append(PackError(path, data.line_of("questions"), reason))
        return {}

    questions: dict[str, Question] = {}
    for key, spec in listed.items():
        line = listed.line_of(key)
        kind = fact_type(str(key))
        if kind is None:
            reason = f"'{key}' は事案ファイルの項目ではありません(details.… か member.… の項目を書きます)"
            problems.append(PackError(path, line, reason))
            continue
        if not isinstance(spec, PackMapping) or not isinstance(
            spec.get("question"), str
        ):
            problems.append(
                PackError(path, line, f"{key}: question(質問の文)がありません")
            )
            continue
        for extra in spec:
            if extra not in ("question", "answers"):
                reason = (
                    f"{key}: キー '{extra}' は使えません(question と answers だけです)"
                )
                problems.append(PackError(path, spec.line_of(extra), reason))
        answers = _read_answers(path, str(key), spec, kind, problems)
        questions[str(key)] = Question(str(key), spec["question"], answers)
    return questions


def _read_answers(
    path: Path,
    key: str,
    spec: PackMapping,
    kind: FactType,
    problems: list[PackError],
) -> tuple[tuple[Any, str], ...]:
    listed = spec.get("answers")
    if listed is None:
        return _schema_answers(kind)
    if not isinstance(listed, PackMapping):
        reason = f"{key}: answers は「値: 表示」の対応です(例: {{true: はい, false: いいえ}})"
        problems.append(PackError(path, spec.line_of("answers"), reason))
        return ()
    answers = []
    for value, label in listed.items():
        if not _fits(value, kind):
            reason = f"{key}: 答え {value!r} はこの項目の値になりません"
            problems.append(PackError(path, listed.line_of(value), reason))
            continue
        answers.append((value, str(label)))
    return tuple(answers)


def _fits(value: Any, kind: FactType) -> bool:
    """Tell whether ``value`` may be the value of a field of type ``kind``."""
    if value is None:
        return kind.nullable
    if kind.values is not None:
        return value in kind.values and not isinstance(value, bool)
    if kind.kind == "bool":
        return isinstance(value, bool)
    if kind.kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, str)


def _schema_answers(kind: FactType | None) -> tuple[tuple[Any, str], ...]:
    """Return the answers a field takes when the pack does not word them."""
    if kind is None:
        return ()
    if kind.kind == "bool":
        return ((True, "はい"), (False, "いいえ"))
    if kind.values is not None:
        return tuple((value, str(value)) for value in kind.values)
    return ()


def _read_calendar(path: Path, problems: list[PackError]) -> ClosedDays:
    if not path.exists():
        return ClosedDays()
    try:
        data = read_yaml(path)
    except PackError as error:
        problems.append(error)
        return ClosedDays()
    listed = data.get("closed") or []
    if not isinstance(listed, list) or not all(isinstance(d, date) for d in listed):
        reason = "closed は日付(2026-12-28 のような形)のリストです"
        problems.append(PackError(path, data.line_of("closed"), reason))
        return ClosedDays()
    return closed_days(listed)
