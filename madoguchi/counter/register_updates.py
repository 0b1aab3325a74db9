"""Carry a completed 住民異動 into the register, so nobody keys it twice.

Each function is safe to run again: it changes only what still differs, and
the register's own save() writes a history row only when something changed.
Births are not carried over: the counter does not yet take the newborn's
name, sex or 続柄, so the register clerk still enters the newborn.
"""

from typing import Any

import structlog

from madoguchi.counter.models import Visit
from madoguchi.japanese.wareki import PartialDate
from madoguchi.register.models import Household, Resident, Status
from madoguchi.register.numbers import NumberBook

log = structlog.get_logger(__name__)

REGISTER_PROCEDURES = frozenset(
    {
        "jumin_tennyu",
        "jumin_tenkyo",
        "jumin_tenshutsu",
        "jumin_setainushi",
        "koseki_shussei",
        "koseki_shibou",
    }
)


def _subjects(visit: Visit) -> list[Resident]:
    return list(
        Resident.objects.select_for_update()
        .filter(pk__in=visit.subjects, household=visit.household)
        .order_by("pk")
    )


def _reason(visit: Visit, label: str) -> str:
    return f"{label}({visit.purpose})"


def apply_move_within(visit: Visit, staff: Any) -> None:
    """Move the household to the new address and date the subjects' 住定日."""
    household = Household.objects.select_for_update().get(pk=visit.household_id)
    new_address = visit.answers.get("new_address.address", "")
    if new_address:
        household.postal_code = visit.answers.get("new_address.postal_code", "")
        household.address = new_address
        household.katagaki = visit.answers.get("new_address.katagaki", "")
        household.save(reason=_reason(visit, "転居"), changed_by=staff)

    since = PartialDate.from_date(visit.event_date)
    for resident in _subjects(visit):
        resident.address_since = since
        resident.save(reason=_reason(visit, "転居"), changed_by=staff)


def _end_residence(visit: Visit, staff: Any, status: str, label: str) -> None:
    changed_on = PartialDate.from_date(visit.event_date)
    for resident in _subjects(visit):
        if resident.status == status:
            continue
        resident.status = status
        resident.status_changed_on = changed_on
        resident.save(reason=_reason(visit, label), changed_by=staff)


def apply_move_out(visit: Visit, staff: Any) -> None:
    """Mark the subjects as moved out (転出) on the event date."""
    _end_residence(visit, staff, Status.MOVED_OUT, "転出")


def apply_death(visit: Visit, staff: Any) -> None:
    """Mark the subject as deceased (死亡) on the event date."""
    _end_residence(visit, staff, Status.DECEASED, "死亡")


def apply_move_in(visit: Visit, staff: Any) -> None:
    """Enter a new arrival's household and people in the register, once."""
    if visit.household_id is not None or not visit.arrivals:
        return
    book = NumberBook()
    household = Household(
        setai_number=next(book.households()),
        postal_code=visit.answers.get("new_address.postal_code", ""),
        address=visit.answers.get("new_address.address", ""),
        katagaki=visit.answers.get("new_address.katagaki", ""),
    )
    household.save(reason=_reason(visit, "転入"), changed_by=staff)

    since = PartialDate.from_date(visit.event_date)
    numbers = book.residents()
    for person in visit.arrivals:
        juminhyo_code, atena_number = next(numbers)
        resident = Resident(
            juminhyo_code=juminhyo_code,
            atena_number=atena_number,
            household=household,
            family_name=person["family_name"],
            given_name=person["given_name"],
            family_name_kana=person["family_name_kana"],
            given_name_kana=person["given_name_kana"],
            birth_date=PartialDate.from_storage(person["birth_date"]),
            sex=person["sex"],
            relationship=person["relationship"],
            nationality=person.get("nationality") or "日本",
            became_resident_on=since,
            address_since=since,
            status=Status.RESIDENT,
        )
        resident.save(reason=_reason(visit, "転入"), changed_by=staff)
    Visit.objects.filter(pk=visit.pk).update(household=household)
    visit.household = household


_BY_EVENT = {
    "move_in": apply_move_in,
    "move_within": apply_move_within,
    "move_out": apply_move_out,
    "death": apply_death,
}


def apply_to_register(visit: Visit, staff: Any) -> bool:
    """Apply the visit's event to the register; tell whether anything applied."""
    apply = _BY_EVENT.get(visit.event)
    if apply is None or visit.event_date is None:
        # Births need the newborn's data and a change of head needs the new
        # head, neither of which the counter takes yet; the register clerk
        # enters them as before.
        log.info(
            "counter.register_not_applied", visit=visit.pk, visit_event=visit.event
        )
        return False
    apply(visit, staff)
    log.info("counter.register_applied", visit=visit.pk, visit_event=visit.event)
    return True
