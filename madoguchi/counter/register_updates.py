"""Carry a completed 住民異動 or 戸籍届 into the register, so nobody keys it twice.

Each procedure that changes the register has one function here, run when its
task is completed (or ticked 本日完了 at the counter). Each is safe to run
again: it changes only what still differs, and the register's own save()
writes a history row only when something changed.

What is not carried over, and is left to the register clerk as before: a
divorce's change of household (the 離婚届 does not say who leaves), and the
relationships of the rest of a household whose new head was neither the old
head's spouse nor child.
"""

from datetime import date
from typing import Any

import structlog

from madoguchi.counter.casefile import current_members, visit_events
from madoguchi.counter.models import Visit
from madoguchi.japanese.wareki import PartialDate
from madoguchi.register.models import Household, Resident, Status
from madoguchi.register.numbers import NumberBook

log = structlog.get_logger(__name__)

HEAD = "世帯主"


def _subjects(visit: Visit) -> list[Resident]:
    return list(
        Resident.objects.select_for_update()
        .filter(pk__in=visit.subjects, household=visit.household)
        .order_by("pk")
    )


def _reason(visit: Visit, label: str) -> str:
    return f"{label}({visit.purpose})"


def _event_day(visit: Visit, code: str) -> date | None:
    """Return the day of the event that listed procedure ``code``."""
    event = next(
        (p.get("event") for p in visit.procedures if p.get("code") == code), None
    )
    for listed, day in visit_events(visit):
        if listed == event:
            return day
    return visit.event_date


def _new_resident(
    book: NumberBook,
    household: Household,
    person: dict[str, Any],
    born: PartialDate,
    since: PartialDate,
) -> Resident:
    """Return a resident entered with new numbers, not yet saved."""
    juminhyo_code, atena_number = next(book.residents())
    return Resident(
        juminhyo_code=juminhyo_code,
        atena_number=atena_number,
        household=household,
        family_name=person["family_name"],
        given_name=person.get("given_name", ""),
        family_name_kana=person.get("family_name_kana", ""),
        given_name_kana=person.get("given_name_kana", ""),
        birth_date=born,
        sex=person["sex"],
        relationship=person["relationship"],
        nationality=person.get("nationality") or "日本",
        became_resident_on=since,
        address_since=since,
        status=Status.RESIDENT,
    )


def apply_move_within(visit: Visit, day: date, staff: Any) -> None:
    """Move the subjects to the new address; some of a household, as a new one.

    When only some members move (世帯分離), the movers become a household of
    their own; when the head is among them, the stayers do instead, under
    the new head chosen at the counter.
    """
    household = Household.objects.select_for_update().get(pk=visit.household_id)
    members = current_members(household)
    movers = _subjects(visit)
    since = PartialDate.from_date(day)
    for mover in movers:
        mover.address_since = since
    reason = _reason(visit, "転居")
    new_address = {
        "postal_code": visit.answers.get("new_address.postal_code", ""),
        "address": visit.answers.get("new_address.address", ""),
        "katagaki": visit.answers.get("new_address.katagaki", ""),
    }
    stayers = [m for m in members if m.pk not in {r.pk for r in movers}]
    head_moves = any(m.relationship == HEAD for m in movers)
    if stayers and movers:
        leaving = stayers if head_moves else movers
        address = {
            "postal_code": household.postal_code,
            "address": household.address,
            "katagaki": household.katagaki,
        }
        if not head_moves:
            address = new_address
        _split_off(visit, leaving, address, staff, reason)
    if new_address["address"] and head_moves:
        for name, value in new_address.items():
            setattr(household, name, value)
        household.save(reason=reason, changed_by=staff)
    # A mover split off is saved once, household and 住定日 together.
    for mover in movers:
        mover.save(reason=reason, changed_by=staff)


def _split_off(
    visit: Visit,
    leaving: list[Resident],
    address: dict[str, str],
    staff: Any,
    reason: str,
) -> None:
    """Enter ``leaving`` as a household of their own at ``address`` (世帯分離)."""
    book = NumberBook()
    household = Household(setai_number=next(book.households()), **address)
    household.save(reason=reason, changed_by=staff)
    head = _chosen_head(visit, leaving)
    _relate_to_new_head(leaving, head)
    for resident in leaving:
        resident.household = household
        resident.save(reason=reason, changed_by=staff)


def likely_head(people: list[Resident]) -> Resident:
    """Return who most likely heads people next: the old head's spouse, else
    the eldest. The counter offers this one first."""
    spouses = [m for m in people if m.relationship in ("妻", "夫")]
    if spouses:
        return spouses[0]
    return min(people, key=lambda m: m.birth_date.to_storage())


def _chosen_head(visit: Visit, people: list[Resident]) -> Resident:
    """Return the new head chosen at the counter among people, else the likely one.

    No choice is made when the visit never asked (a child moving out alone),
    and none is needed when one member of 15 or more is left.
    """
    chosen = visit.new_head.removeprefix("r")
    found = next((m for m in people if str(m.pk) == chosen), None)
    return found or likely_head(people)


def _relate_to_new_head(people: list[Resident], head: Resident) -> None:
    """Make ``head`` the 世帯主 and restate the others' 続柄 where it is clear.

    Under the old head's spouse, the children stay 子. Under the old head's
    child, the other parent becomes 父 or 母, that child's spouse 妻 or 夫,
    and grandchildren 子. Anything else is left for the register clerk.
    """
    was = head.relationship
    head.relationship = HEAD
    if was != "子":
        return
    for member in people:
        if member is head:
            continue
        if member.relationship in ("妻", "夫"):
            member.relationship = "母" if member.sex == "F" else "父"
        elif member.relationship == "子の配偶者":
            member.relationship = "妻" if member.sex == "F" else "夫"
        elif member.relationship == "孫":
            member.relationship = "子"


def _end_residence(
    visit: Visit, day: date, staff: Any, status: str, label: str
) -> None:
    changed_on = PartialDate.from_date(day)
    leavers = [r for r in _subjects(visit) if r.status != status]
    for resident in leavers:
        resident.status = status
        resident.status_changed_on = changed_on
        resident.save(reason=_reason(visit, label), changed_by=staff)
    if any(r.relationship == HEAD for r in leavers):
        _take_new_head(visit, staff, label)


def _take_new_head(visit: Visit, staff: Any, label: str) -> None:
    """Make the member chosen at the counter the head of those who remain."""
    remaining = [
        m
        for m in current_members(Household.objects.get(pk=visit.household_id))
        if m.relationship != HEAD
    ]
    if not remaining:
        return
    head = _chosen_head(visit, remaining)
    _relate_to_new_head(remaining, head)
    for member in remaining:
        member.save(reason=_reason(visit, f"{label}・世帯主変更"), changed_by=staff)


def apply_move_out(visit: Visit, day: date, staff: Any) -> None:
    """Mark the subjects as moved out (転出) on the event date."""
    _end_residence(visit, day, staff, Status.MOVED_OUT, "転出")


def apply_death(visit: Visit, day: date, staff: Any) -> None:
    """Mark the subject as deceased (死亡); the chosen member becomes head."""
    _end_residence(visit, day, staff, Status.DECEASED, "死亡")


def apply_new_head(visit: Visit, day: date, staff: Any) -> None:
    """Carry the 世帯主変更届: the member chosen at the counter becomes head."""
    household = Household.objects.get(pk=visit.household_id)
    if household.head() is None:
        _take_new_head(visit, staff, "世帯主変更")


def apply_move_in(visit: Visit, day: date, staff: Any) -> None:
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

    since = PartialDate.from_date(day)
    for person in visit.arrivals:
        born = PartialDate.from_storage(person["birth_date"])
        resident = _new_resident(book, household, person, born, since)
        resident.save(reason=_reason(visit, "転入"), changed_by=staff)
    Visit.objects.filter(pk=visit.pk).update(household=household)
    visit.household = household


def apply_birth(visit: Visit, day: date, staff: Any) -> None:
    """Add the child of the 出生届 to the household, born on the event date."""
    child = visit.newborn
    if not child or visit.household_id is None:
        return
    born = PartialDate.from_date(day)
    household = Household.objects.select_for_update().get(pk=visit.household_id)
    already = household.members.filter(
        birth_date=born,
        given_name=child.get("given_name", ""),
        family_name=child["family_name"],
    )
    if already.exists():
        return
    resident = _new_resident(NumberBook(), household, child, born, born)
    resident.save(reason=_reason(visit, "出生"), changed_by=staff)


def apply_marriage(visit: Visit, day: date, staff: Any) -> None:
    """Give the spouse who takes the other's surname that surname.

    Only when both spouses are in the register: otherwise the new surname is
    on the 婚姻届 alone and the register clerk enters it.
    """
    spouses = {r.sex: r for r in _subjects(visit)}
    taken = visit.answers.get("details.surname_taken")
    if taken not in ("夫", "妻") or set(spouses) != {"M", "F"}:
        return
    keeper = spouses["M"] if taken == "夫" else spouses["F"]
    changer = spouses["F"] if taken == "夫" else spouses["M"]
    changer.family_name = keeper.family_name
    changer.family_name_kana = keeper.family_name_kana
    if keeper.household_id == changer.household_id and keeper.relationship == HEAD:
        changer.relationship = "妻" if changer.sex == "F" else "夫"
    changer.save(reason=_reason(visit, "婚姻"), changed_by=staff)


def apply_divorce(visit: Visit, day: date, staff: Any) -> None:
    """Give back the surname held before the marriage, unless 婚氏続称."""
    if visit.answers.get("details.keeps_married_surname") is not False:
        return
    for resident in _subjects(visit):
        before = (
            resident.history.filter(reason__startswith="婚姻")
            .order_by("-recorded_at", "-id")
            .first()
        )
        if before is None:
            continue
        resident.family_name = before.previous["family_name"]
        resident.family_name_kana = before.previous["family_name_kana"]
        resident.save(reason=_reason(visit, "離婚"), changed_by=staff)


_BY_CODE = {
    "jumin_tennyu": apply_move_in,
    "jumin_tenkyo": apply_move_within,
    "jumin_tenshutsu": apply_move_out,
    "jumin_setainushi": apply_new_head,
    "koseki_shussei": apply_birth,
    "koseki_shibou": apply_death,
    "koseki_konin": apply_marriage,
    "koseki_rikon": apply_divorce,
}
REGISTER_PROCEDURES = frozenset(_BY_CODE)


def apply_to_register(visit: Visit, code: str, staff: Any) -> bool:
    """Apply one completed procedure to the register; tell whether it applied."""
    apply = _BY_CODE.get(code)
    day = _event_day(visit, code)
    if apply is None or day is None:
        log.info("counter.register_not_applied", visit=visit.pk, procedure=code)
        return False
    apply(visit, day, staff)
    log.info("counter.register_applied", visit=visit.pk, procedure=code)
    return True
