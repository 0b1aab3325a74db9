"""Read pack YAML files with line numbers, without touching the database.

Every mapping read here remembers the line it starts on and the line of each
of its keys, so that a mistake is reported as ``file:line: reason`` at the
key the municipality's editor has to fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


class PackError(Exception):
    """A mistake in a pack file, named by file, line and reason."""

    def __init__(self, path: Path, line: int | None, reason: str) -> None:
        self.path = path
        self.line = line
        self.reason = reason
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {reason}")


class PackErrors(PackError):
    """Every mistake found in a pack; reads as the first one, lists them all."""

    def __init__(self, problems: list[PackError]) -> None:
        first = problems[0]
        super().__init__(first.path, first.line, first.reason)
        self.problems = problems
        self.args = ("\n".join(str(problem) for problem in problems),)


class PackMapping(dict[str, Any]):
    """A YAML mapping that knows its own line and the line of each key."""

    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        """Return the line of ``key``, or of the mapping when it is absent."""
        return self.key_lines.get(key, self.line)


# libyaml's parser reads a catalogue of procedures several times faster than
# PyYAML's own; both give the same nodes, with their lines.
try:
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # PyYAML built without libyaml
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]


class _LineLoader(_SafeLoader):
    """A safe YAML loader that remembers the line of every mapping and key."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> PackMapping:
    mapping = PackMapping(loader.construct_mapping(node, deep=True))  # type: ignore[arg-type]
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)


def read_yaml(path: Path) -> PackMapping:
    """Read one pack file; a missing file or broken YAML is a PackError."""
    if not path.is_file():
        raise PackError(path, None, "ファイルがありません")
    try:
        with path.open(encoding="utf-8") as stream:
            data = yaml.load(stream, Loader=_LineLoader)  # noqa: S506 - safe loader
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else None
        raise PackError(path, line, f"YAMLとして読めません: {error.problem}") from error
    if not isinstance(data, PackMapping):
        raise PackError(
            path, 1, "最上位はキーと値の対応(マッピング)である必要があります"
        )
    return data


def require(path: Path, item: PackMapping, key: str) -> Any:
    """Return ``item[key]``; an absent or empty value is a PackError."""
    value = item.get(key)
    if value in (None, ""):
        raise PackError(path, item.line, f"'{key}' がありません")
    return value


def items(path: Path, data: PackMapping, key: str) -> list[PackMapping]:
    """Return the list of mappings under ``key`` (none when absent)."""
    found = data.get(key) or []
    if not isinstance(found, list) or not all(
        isinstance(item, PackMapping) for item in found
    ):
        raise PackError(path, data.line, f"'{key}' は項目のリストである必要があります")
    return found


@dataclass(frozen=True)
class DepartmentEntry:
    code: str
    name: str
    office: str


@dataclass(frozen=True)
class CounterEntry:
    code: str
    number: str
    name: str
    floor: str
    department: str


@dataclass(frozen=True)
class Offices:
    """The departments and counters of ``offices.yaml``, by code."""

    path: Path
    departments: dict[str, DepartmentEntry]
    counters: dict[str, CounterEntry]


def read_offices(folder: Path) -> Offices:
    """Read ``offices.yaml``; raise PackErrors listing every mistake in it."""
    path = folder / "offices.yaml"
    data = read_yaml(path)
    problems: list[PackError] = []

    def entries(key: str) -> list[PackMapping]:
        try:
            return items(path, data, key)
        except PackError as error:
            problems.append(error)
            return []

    def fields(item: PackMapping, *keys: str) -> list[str] | None:
        values = []
        for key in keys:
            try:
                values.append(str(require(path, item, key)))
            except PackError as error:
                problems.append(error)
                return None
        return values

    offices = set()
    for item in entries("offices"):
        found = fields(item, "code", "name")
        if found:
            offices.add(found[0])

    departments: dict[str, DepartmentEntry] = {}
    for item in entries("departments"):
        found = fields(item, "code", "name", "office")
        if found is None:
            continue
        code, name, office = found
        if office not in offices:
            reason = f"庁舎 '{office}' が定義されていません"
            problems.append(PackError(path, item.line, reason))
        departments[code] = DepartmentEntry(code, name, office)

    counters: dict[str, CounterEntry] = {}
    for item in entries("counters"):
        found = fields(item, "code", "number", "name", "floor", "department")
        if found is None:
            continue
        code, number, name, floor, department = found
        if department not in departments:
            reason = f"担当課 '{department}' が定義されていません"
            problems.append(PackError(path, item.line, reason))
        counters[code] = CounterEntry(code, number, name, floor, department)

    if problems:
        raise PackErrors(problems)
    return Offices(path, departments, counters)


def check_municipality(folder: Path) -> list[PackError]:
    """List the mistakes in ``municipality.yaml``."""
    path = folder / "municipality.yaml"
    problems: list[PackError] = []
    try:
        data = read_yaml(path)
        city = require(path, data, "municipality")
        if not isinstance(city, PackMapping):
            raise PackError(
                path,
                data.line_of("municipality"),
                "'municipality' は項目の対応である必要があります",
            )
        for key in ("code", "name", "prefecture"):
            try:
                require(path, city, key)
            except PackError as error:
                problems.append(error)
        for town in items(path, data, "towns"):
            for key in ("name", "postal_code"):
                try:
                    require(path, town, key)
                except PackError as error:
                    problems.append(error)
    except PackError as error:
        problems.append(error)
    return problems
