"""Turn a visit into the navigator's case file (domain/case-file.md).

The register gives who lives in the household, their ages, names and
address; everything else (insurance, pension, flags, event details) comes
from the interview answers. Answers are keyed by case-file path, with a
member named by its id rather than its place in the list, so that
``household[r12].health_insurance`` stays true when the list is reordered.
"""

import re
from datetime import date
from typing import Any

from django.utils import timezone

from madoguchi.register.models import Household, Resident, Status

_MEMBER_PATH = re.compile(r"^household\[(?P<key>[^\]]+)\]\.(?P<rest>.+)$")


def member_id(resident: Resident) -> str:
    """Return the case-file id of a register resident."""
    return f"r{resident.pk}"


def current_members(household: Household) -> list[Resident]:
    """Return the household's current members, head first, then by birth."""
    members = list(
        household.members.filter(status=Status.RESIDENT).order_by("birth_date", "id")
    )
    return sorted(members, key=lambda r: r.relationship != "世帯主")


def build_case(visit: Any, *, today: date | None = None) -> dict[str, Any]:
    """Return the case file of a visit: the register's household and answers."""
    visit_day = today or timezone.localdate()
    event_day = visit.event_date or visit_day
    members = current_members(visit.household)
    household = visit.household

    case: dict[str, Any] = {
        "event": visit.event,
        "event_date": event_day.isoformat(),
        "visit_date": visit_day.isoformat(),
        "subjects": [f"r{pk}" for pk in visit.subjects],
        "household": [_member(resident, event_day) for resident in members],
        "address": _address(
            household.postal_code, household.address, household.katagaki
        ),
    }
    for path, value in sorted(visit.answers.items()):
        _put(case, storage_key_to_path(case, path), value)
    return case


def answer_key(case: dict[str, Any], field: str) -> str:
    """Return the answer key for a field path the navigator reports missing."""
    found = _MEMBER_PATH.match(field)
    if found is None or not found["key"].isdigit():
        return field
    member = case["household"][int(found["key"])]
    return f"household[{member['id']}].{found['rest']}"


def storage_key_to_path(case: dict[str, Any], key: str) -> list[str | int]:
    """Return the steps into the case file that an answer key names."""
    found = _MEMBER_PATH.match(key)
    if found is None:
        return list(key.split("."))
    ids = [member["id"] for member in case["household"]]
    if found["key"] not in ids:
        # The member has left the household since the answer was given.
        return []
    return ["household", ids.index(found["key"]), *found["rest"].split(".")]


def _member(resident: Resident, event_day: date) -> dict[str, Any]:
    member: dict[str, Any] = {
        "id": member_id(resident),
        "relationship": resident.relationship,
        "sex": resident.sex,
        "name": resident.name,
        "name_kana": resident.name_kana,
        "nationality": resident.nationality,
        "residence_status": resident.residence_status or None,
    }
    # The navigator counts a full birth date's age on the event day itself;
    # a register date with an unknown month or day can only give an age.
    born = resident.birth_date.as_date()
    if born is not None and born <= event_day:
        member["birth_date"] = born.isoformat()
    else:
        member["age"] = max(resident.birth_date.age_on(event_day), 0)
    return member


def _address(postal_code: str, address: str, katagaki: str) -> dict[str, str]:
    found = {"address": address}
    if postal_code:
        found["postal_code"] = postal_code
    if katagaki:
        found["katagaki"] = katagaki
    return found


def _put(case: dict[str, Any], steps: list[str | int], value: Any) -> None:
    if not steps:
        return
    place: Any = case
    for step in steps[:-1]:
        if isinstance(step, int):
            place = place[step]
        else:
            place = place.setdefault(step, {})
    place[steps[-1]] = value
