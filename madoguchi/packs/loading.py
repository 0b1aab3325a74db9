"""Read a municipality pack folder and load it into the database.

A pack is a folder of YAML files. ``municipality.yaml`` names the
municipality and its towns; ``offices.yaml`` lists its offices, departments
and counters; ``procedures.yaml``, ``questions.yaml`` and ``calendar.yaml``
are the navigator's catalogue, which the navigator reads from the folder at
run time (madoguchi.navigator.catalogue) and which is only checked here.
Loading is idempotent: rows are matched by their code and updated, so a
second load of the same pack changes nothing.
"""

from dataclasses import dataclass
from pathlib import Path

import structlog
from django.db import transaction

from madoguchi.packs.models import Counter, Department, Municipality, Office, Town
from madoguchi.packs.reading import PackError, PackErrors, read_yaml
from madoguchi.packs.reading import items as _items
from madoguchi.packs.reading import require as _require
from madoguchi.packs.validation import validate_pack

__all__ = ["PackError", "PackErrors", "PackSummary", "load_pack", "read_yaml"]

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class PackSummary:
    municipality: str
    towns: int
    offices: int
    departments: int
    counters: int


@transaction.atomic
def load_pack(folder: Path) -> PackSummary:
    """Load the pack in ``folder`` into the database, replacing what changed.

    The whole pack, its procedure catalogue included, is checked first: a
    pack with any mistake raises PackErrors before a row is written.
    """
    problems = validate_pack(folder).problems
    if problems:
        raise PackErrors(problems)

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
