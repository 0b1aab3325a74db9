"""A completed 住民異動 reaches the register, once, with its history."""

from datetime import date

import pytest
from django.utils import timezone

from madoguchi.counter.models import Task, TaskState, Visit, VisitStatus
from madoguchi.counter.register_updates import apply_to_register
from madoguchi.counter.tasks import change_state
from madoguchi.counter.tests.factories import family_of_four, members
from madoguchi.japanese.wareki import PartialDate
from madoguchi.packs.models import Department
from madoguchi.register.models import Household, Status
from madoguchi.staff.models import StaffUser

pytestmark = pytest.mark.django_db

NEW_ADDRESS = {
    "new_address.postal_code": "099-9902",
    "new_address.address": "北海道みほん市緑町1丁目1番1号",
    "new_address.katagaki": "みほんハイツ101",
}


@pytest.fixture
def home(demo_pack: None) -> Household:
    return family_of_four()


def _visit(home: Household, clerk: StaffUser, event: str, subjects: list) -> Visit:
    return Visit.objects.create(
        opened_by=clerk,
        household=home,
        event=event,
        event_date=date(2026, 11, 20),
        subjects=[r.pk for r in subjects],
        answers=NEW_ADDRESS if event == "move_within" else {},
        status=VisitStatus.SIGNED,
    )


def test_a_move_within_changes_the_address_and_keeps_the_old_one(
    home: Household, clerk: StaffUser
) -> None:
    visit = _visit(home, clerk, "move_within", members(home))

    assert apply_to_register(visit, clerk)

    home.refresh_from_db()
    assert (home.postal_code, home.address, home.katagaki) == tuple(
        NEW_ADDRESS.values()
    )
    entry = home.history.get()
    assert entry.previous["address"] == "北海道みほん市栄町2丁目7番1号"
    assert entry.reason == f"転居(来庁案件 {visit.pk})"
    assert entry.changed_by == clerk
    for resident in members(home):
        assert resident.address_since == PartialDate(2026, 11, 20)
        assert resident.history.get().reason.startswith("転居")


def test_a_move_out_marks_only_the_subjects(home: Household, clerk: StaffUser) -> None:
    leaving = members(home)[-1]
    visit = _visit(home, clerk, "move_out", [leaving])

    apply_to_register(visit, clerk)

    leaving.refresh_from_db()
    assert leaving.status == Status.MOVED_OUT
    assert leaving.status_changed_on == PartialDate(2026, 11, 20)
    entry = leaving.history.get()
    assert entry.previous["status"] == Status.RESIDENT
    assert entry.reason == f"転出(来庁案件 {visit.pk})"
    assert all(r.status == Status.RESIDENT for r in members(home)[:-1])


def test_a_death_marks_the_subject_deceased(home: Household, clerk: StaffUser) -> None:
    late = members(home)[0]
    visit = _visit(home, clerk, "death", [late])

    apply_to_register(visit, clerk)

    late.refresh_from_db()
    assert late.status == Status.DECEASED
    assert late.history.get().previous["status"] == Status.RESIDENT


def test_a_birth_is_not_applied(home: Household, clerk: StaffUser) -> None:
    visit = _visit(home, clerk, "birth", members(home)[:1])

    assert not apply_to_register(visit, clerk)
    assert home.members.count() == 4


def test_completing_twice_applies_once(
    home: Household, clerk: StaffUser, department_staff: StaffUser
) -> None:
    leaving = members(home)[-1]
    visit = _visit(home, clerk, "move_out", [leaving])
    task = Task.objects.create(
        visit=visit,
        code="jumin_tenshutsu",
        name="転出届",
        department=Department.objects.get(code="shimin"),
        counter_code="shimin-1",
        created_at=timezone.now(),
    )

    change_state(task, TaskState.DONE, department_staff)
    apply_to_register(visit, department_staff)
    change_state(task, TaskState.DONE, department_staff)

    leaving.refresh_from_db()
    assert leaving.status == Status.MOVED_OUT
    assert leaving.history.count() == 1
    assert task.register_updated_at is not None
    assert Visit.objects.get(pk=visit.pk).status == VisitStatus.CLOSED
