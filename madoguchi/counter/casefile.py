"""Turn a visit into the navigator's case file (domain/case-file.md).

The register gives who lives in the household, their ages, names and
address; everything else (insurance, pension, flags, event details) comes
from the interview answers. Answers are keyed by case-file path, with a
member named by its id rather than its place in the list, so that
``household[r12].health_insurance`` stays true when the list is reordered.
"""

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone

from madoguchi.japanese.wareki import PartialDate
from madoguchi.register.models import Household, Resident, Sex, Status

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


def arrival_id(index: int) -> str:
    """Return the case-file id of the arrival in a given row, from 0."""
    return f"a{index + 1}"


def arrival_name(person: dict[str, Any]) -> str:
    """Return an arrival's name as the register would show it."""
    return f"{person['family_name']} {person['given_name']}".strip()


@dataclass(frozen=True)
class ArrivingMember:
    """A person moving in, shown on the screens as a register member would be."""

    case_id: str
    name: str
    name_kana: str
    relationship: str
    birth_date: PartialDate
    sex: str

    def get_sex_display(self) -> str:
        return str(Sex(self.sex).label)


@dataclass(frozen=True)
class ArrivingAddress:
    """The new address of a household moving in, as the screens show it."""

    postal_code: str
    full_address: str


def arriving_members(visit: Any) -> list[ArrivingMember]:
    """Return a new arrival's people, in the order they were typed."""
    return [
        ArrivingMember(
            case_id=arrival_id(index),
            name=arrival_name(person),
            name_kana=f"{person['family_name_kana']} {person['given_name_kana']}",
            relationship=person["relationship"],
            birth_date=PartialDate.from_storage(person["birth_date"]),
            sex=person["sex"],
        )
        for index, person in enumerate(visit.arrivals)
    ]


def arriving_head(visit: Any) -> ArrivingMember | None:
    """Return the 世帯主 among a new arrival's people, if typed yet."""
    heads = [m for m in arriving_members(visit) if m.relationship == "世帯主"]
    return heads[0] if heads else None


def arriving_address(visit: Any) -> ArrivingAddress:
    """Return the address a new arrival moves into."""
    answers = visit.answers
    return ArrivingAddress(
        postal_code=answers.get("new_address.postal_code", ""),
        full_address=" ".join(
            part
            for part in (
                answers.get("new_address.address", ""),
                answers.get("new_address.katagaki", ""),
            )
            if part
        ),
    )


NEWBORN_ID = "n1"


@dataclass(frozen=True)
class Newborn:
    """A birth's child, shown on the screens as a register member would be."""

    case_id: str
    name: str
    name_kana: str
    relationship: str
    birth_date: PartialDate | None
    sex: str

    def get_sex_display(self) -> str:
        return str(Sex(self.sex).label) if self.sex else ""


def newborn_of(visit: Any) -> Newborn | None:
    """Return the child of a birth visit, once the event and its day are known."""
    if all(code != "birth" for code, _day in visit_events(visit)):
        return None
    child = visit.newborn or {}
    born = visit.event_date
    return Newborn(
        case_id=NEWBORN_ID,
        name=arrival_name(child) if child else "",
        name_kana=(
            f"{child.get('family_name_kana', '')} {child.get('given_name_kana', '')}"
        ).strip(),
        relationship=child.get("relationship", "子"),
        birth_date=PartialDate.from_date(born) if born else None,
        sex=child.get("sex", ""),
    )


def visit_events(visit: Any) -> list[tuple[str, date | None]]:
    """Return the visit's events with their days, the first chosen first."""
    events = [(visit.event, visit.event_date)]
    for more in visit.more_events:
        day = more.get("event_date")
        events.append(
            (more["event"], date.fromisoformat(day) if day else visit.event_date)
        )
    return events


def build_cases(visit: Any, *, today: date | None = None) -> list[dict[str, Any]]:
    """Return one case file per event of the visit (one case holds one event)."""
    return [
        build_case(visit, today=today, event=code, event_date=day)
        for code, day in visit_events(visit)
    ]


def build_case(
    visit: Any,
    *,
    today: date | None = None,
    event: str | None = None,
    event_date: date | None = None,
) -> dict[str, Any]:
    """Return the case file of a visit: the register's household and answers.

    event and event_date name one of the visit's events; by default the first.
    """
    visit_day = today or timezone.localdate()
    code = event or visit.event
    event_day = event_date or visit.event_date or visit_day

    case: dict[str, Any] = {
        "event": code,
        "event_date": event_day.isoformat(),
        "visit_date": visit_day.isoformat(),
    }
    if visit.household is None:
        case.update(_arriving_household(visit, event_day))
    else:
        household = visit.household
        members = current_members(household)
        case["subjects"] = [f"r{pk}" for pk in visit.subjects]
        case["household"] = [_member(resident, event_day) for resident in members]
        case["address"] = _address(
            household.postal_code, household.address, household.katagaki
        )
    newborn = newborn_of(visit)
    if newborn is not None:
        # The household "as registered before the event, plus the newborn".
        case["household"].append(_newborn(newborn, event_day))
        if code == "birth":
            case["subjects"] = [newborn.case_id]
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


def _arriving_household(visit: Any, event_day: date) -> dict[str, Any]:
    """Return the household that a new arrival brings, from the arrivals."""
    household = []
    for index, person in enumerate(visit.arrivals):
        member: dict[str, Any] = {
            "id": arrival_id(index),
            "relationship": person["relationship"],
            "sex": person["sex"],
            "name": arrival_name(person),
            "name_kana": f"{person['family_name_kana']} {person['given_name_kana']}",
            "nationality": person.get("nationality") or "日本",
            "residence_status": None,
        }
        _put_birth(member, PartialDate.from_storage(person["birth_date"]), event_day)
        household.append(member)
    answers = visit.answers
    new_address = _address(
        answers.get("new_address.postal_code", ""),
        answers.get("new_address.address", ""),
        answers.get("new_address.katagaki", ""),
    )
    return {
        "subjects": [member["id"] for member in household],
        "household": household,
        "address": new_address,
        "new_address": dict(new_address),
        "previous_address": {"address": answers.get("previous_address.address", "")},
    }


def _put_birth(member: dict[str, Any], born: PartialDate, event_day: date) -> None:
    # The navigator counts a full birth date's age on the event day itself;
    # a register date with an unknown month or day can only give an age.
    day = born.as_date()
    if day is not None and day <= event_day:
        member["birth_date"] = day.isoformat()
    else:
        member["age"] = max(born.age_on(event_day), 0)


def _newborn(child: Newborn, event_day: date) -> dict[str, Any]:
    member: dict[str, Any] = {
        "id": child.case_id,
        "relationship": child.relationship,
        # The schema needs a sex; until the clerk has chosen one the child
        # is counted as a girl, which no procedure of a birth depends on.
        "sex": child.sex or "F",
        "birth_date": event_day.isoformat(),
        "nationality": "日本",
        "residence_status": None,
        "health_insurance": "none",
        "pension": "none",
        "school_stage": "未就学",
    }
    if child.name.strip():
        member["name"] = child.name
    if child.name_kana:
        member["name_kana"] = child.name_kana
    return member


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
    _put_birth(member, resident.birth_date, event_day)
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
