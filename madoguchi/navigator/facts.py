"""The facts a condition may read, with their types, taken from the schema.

The bundled ``case-file.schema.json`` is the one source: a member has every
field of the schema's member, a detail every field of its details. What an
absent field means is decided here, once, per field:

- a flag that is absent is false (the schema says so);
- a member field whose schema type allows null (``school_stage``,
  ``insurance_role``, ``insured_via``, ``residence_status``,
  ``care_level``) is null when absent: null is the value "does not apply";
- any other member field (``nationality``, ``health_insurance``,
  ``pension``, ...) and every detail is unknown when absent, and a
  condition that needs it asks for it rather than guess.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

SCHEMA_PATH = Path(__file__).with_name("case-file.schema.json")

# The case file's events in the words a clerk says to a resident.
EVENT_LABELS = {
    "move_in": "転入",
    "move_out": "転出",
    "move_within": "転居",
    "move_in_from_abroad": "国外からの転入",
    "birth": "出生",
    "death": "死亡",
    "marriage": "婚姻",
    "divorce": "離婚",
    "leave_employee_insurance": "退職など(健康保険の切替え)",
    "join_employee_insurance": "就職など(健康保険の切替え)",
    "turn_65": "65歳到達",
    "turn_75": "75歳到達",
}

Kind = Literal["bool", "number", "string", "list"]
Absent = Literal["unknown", "null", "false", "never"]

_KIND_LABELS = {
    "bool": "真偽値(true/false)",
    "number": "数値",
    "string": "文字列",
    "list": "リスト",
}


@dataclass(frozen=True)
class FactType:
    """The type of one field: its kind, allowed values and what absent means."""

    kind: Kind
    absent: Absent
    values: tuple[Any, ...] | None = None
    nullable: bool = False

    @property
    def label(self) -> str:
        """Return the type in Japanese, as an error message names it."""
        return _KIND_LABELS[self.kind]


@functools.cache
def case_file_schema() -> dict[str, Any]:
    """Return the case file JSON schema bundled with the navigator."""
    with SCHEMA_PATH.open(encoding="utf-8") as stream:
        schema: dict[str, Any] = json.load(stream)
    return schema


def _fact_type(spec: dict[str, Any], absent: Absent) -> FactType:
    """Translate one schema property into a FactType."""
    if "enum" in spec:
        values = tuple(spec["enum"])
        nullable = None in values
        strings = tuple(value for value in values if value is not None)
        return FactType("string", absent, strings, nullable)
    types = spec["type"] if isinstance(spec["type"], list) else [spec["type"]]
    nullable = "null" in types
    (main,) = [name for name in types if name != "null"]
    kinds: dict[str, Kind] = {
        "boolean": "bool",
        "integer": "number",
        "number": "number",
        "string": "string",
        "array": "list",
    }
    return FactType(kinds[main], absent, None, nullable)


@functools.cache
def member_facts() -> dict[str, FactType]:
    """Return every field a condition may read on a member, by name."""
    member = case_file_schema()["$defs"]["member"]
    required = set(member["required"])
    facts: dict[str, FactType] = {}
    for name, spec in member["properties"].items():
        if name == "flags":
            for flag, flag_spec in spec["properties"].items():
                facts[f"flags.{flag}"] = _fact_type(flag_spec, "false")
            continue
        if name in required:
            facts[name] = _fact_type(spec, "never")
            continue
        nullable = _fact_type(spec, "null").nullable
        facts[name] = _fact_type(spec, "null" if nullable else "unknown")
    # age is worked out from birth_date when absent, and the schema asks
    # for one of the two, so it is never unknown.
    facts["age"] = FactType("number", "never")
    facts["is_subject"] = FactType("bool", "never")
    facts["is_head"] = FactType("bool", "never")
    return facts


@functools.cache
def detail_facts() -> dict[str, FactType]:
    """Return every field of ``details``, by name; each is unknown when absent."""
    details = case_file_schema()["$defs"]["details"]
    return {
        name: _fact_type(spec, "unknown")
        for name, spec in details["properties"].items()
    }


@functools.cache
def flags() -> tuple[str, ...]:
    """Return the names of the member flags."""
    member = case_file_schema()["$defs"]["member"]
    return tuple(member["properties"]["flags"]["properties"])


@functools.cache
def events() -> tuple[str, ...]:
    """Return the event codes of the case file."""
    return tuple(case_file_schema()["properties"]["event"]["enum"])


def event_type() -> FactType:
    """Return the type of ``event``: one of the event codes."""
    return FactType("string", "never", events())


def fact_type(path: str) -> FactType | None:
    """Return the type of a question's field path, or None if there is none.

    Paths are those of questions.yaml: ``details.same_prefecture``,
    ``member.health_insurance``, ``member.flags.owns_dog``, and the dates
    ``event_date`` and ``visit_date``.
    """
    if path in ("event_date", "visit_date"):
        return FactType("string", "unknown")
    scope, _, name = path.partition(".")
    if scope == "details":
        return detail_facts().get(name)
    if scope == "member":
        return member_facts().get(name)
    return None
