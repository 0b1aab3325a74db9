"""Read a municipality pack folder and load it into the database.

A pack is a folder of YAML files. ``municipality.yaml`` names the
municipality and its towns; ``offices.yaml`` lists its offices, departments
and counters. Loading is idempotent: rows are matched by their code and
updated, so a second load of the same pack changes nothing.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import structlog
import yaml
from django.db import transaction

from madoguchi.packs.models import Counter, Department, Municipality, Office, Town

log = structlog.get_logger(__name__)


class PackError(Exception):
    """A mistake in a pack file, named by file, line and reason."""

    def __init__(self, path: Path, line: int | None, reason: str) -> None:
        self.path = path
        self.line = line
        self.reason = reason
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {reason}")


class _Mapping(dict[str, Any]):
    line: int = 0


class _LineLoader(yaml.SafeLoader):
    """A safe YAML loader that remembers the line of every mapping."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _Mapping:
    mapping = _Mapping(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping
)


@dataclass(frozen=True)
class PackSummary:
    municipality: str
    towns: int
    offices: int
    departments: int
    counters: int


def read_yaml(path: Path) -> _Mapping:
    """Read one pack file; a missing file or broken YAML is a PackError."""
    if not path.is_file():
        raise PackError(path, None, "ファイルがありません")
    try:
        with path.open(encoding="utf-8") as stream:
            data = yaml.load(stream, Loader=_LineLoader)  # noqa: S506 - safe loader
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else None
        raise PackError(path, line, f"YAMLとして読めません: {error.problem}") from error
    if not isinstance(data, _Mapping):
        raise PackError(
            path, 1, "最上位はキーと値の対応(マッピング)である必要があります"
        )
    return data


def _require(path: Path, item: _Mapping, key: str) -> Any:
    value = item.get(key)
    if value in (None, ""):
        raise PackError(path, item.line, f"'{key}' がありません")
    return value


def _items(path: Path, data: _Mapping, key: str) -> list[_Mapping]:
    items = data.get(key) or []
    if not isinstance(items, list) or not all(isinstance(i, _Mapping) for i in items):
        raise PackError(path, data.line, f"'{key}' は項目のリストである必要があります")
    return items


@transaction.atomic
def load_pack(folder: Path) -> PackSummary:
    """Load the pack in ``folder`` into the database, replacing what changed."""
    municipality_file = folder / "municipality.yaml"
    offices_file = folder / "offices.yaml"
    municipality_data = read_yaml(municipality_file)
    offices_data = read_yaml(offices_file)

    city = _require(municipality_file, municipality_data, "municipality")
    municipality, _ = Municipality.objects.update_or_create(
        code=str(_require(municipality_file, city, "code")),
        defaults={
            "name": _require(municipality_file, city, "name"),
            "name_kana": city.get("name_kana", ""),
            "prefecture": _require(municipality_file, city, "prefecture"),
        },
    )
    Municipality.objects.exclude(pk=municipality.pk).delete()

    towns = _items(municipality_file, municipality_data, "towns")
    for town in towns:
        Town.objects.update_or_create(
            name=_require(municipality_file, town, "name"),
            defaults={
                "name_kana": town.get("name_kana", ""),
                "postal_code": str(_require(municipality_file, town, "postal_code")),
                "blocks": int(town.get("blocks", 0)),
            },
        )

    offices = {}
    for item in _items(offices_file, offices_data, "offices"):
        offices[item["code"]] = Office.objects.update_or_create(
            code=_require(offices_file, item, "code"),
            defaults={
                "name": _require(offices_file, item, "name"),
                "address": item.get("address", ""),
                "opening_hours": item.get("opening_hours", ""),
            },
        )[0]

    departments = {}
    for item in _items(offices_file, offices_data, "departments"):
        office_code = _require(offices_file, item, "office")
        if office_code not in offices:
            raise PackError(
                offices_file, item.line, f"庁舎 '{office_code}' が定義されていません"
            )
        departments[item["code"]] = Department.objects.update_or_create(
            code=_require(offices_file, item, "code"),
            defaults={
                "name": _require(offices_file, item, "name"),
                "office": offices[office_code],
            },
        )[0]

    counters = _items(offices_file, offices_data, "counters")
    for item in counters:
        department_code = _require(offices_file, item, "department")
        if department_code not in departments:
            raise PackError(
                offices_file,
                item.line,
                f"担当課 '{department_code}' が定義されていません",
            )
        department = departments[department_code]
        Counter.objects.update_or_create(
            code=_require(offices_file, item, "code"),
            defaults={
                "number": str(_require(offices_file, item, "number")),
                "name": _require(offices_file, item, "name"),
                "floor": str(_require(offices_file, item, "floor")),
                "office": department.office,
                "department": department,
            },
        )

    summary = PackSummary(
        municipality=str(municipality),
        towns=len(towns),
        offices=len(offices),
        departments=len(departments),
        counters=len(counters),
    )
    log.info("packs.loaded", folder=str(folder), **summary.__dict__)
    return summary
