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
from madoguchi.register.models import Household, Resident, Status
from madoguchi.staff.models import StaffUser

pytestmark = pytest.mark.django_db

NEW_ADDRESS = {
    "new_address.postal_code": "099-9902",
    "new_address.address": "北海道みほん市緑町1丁目1番1号",
    "new_address.katagaki": "みほんハイツ101",
}


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

    assert apply_to_register(visit, "jumin_tenkyo", clerk)

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

    apply_to_register(visit, "jumin_tenshutsu", clerk)

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

    apply_to_register(visit, "koseki_shibou", clerk)

    late.refresh_from_db()
    assert late.status == Status.DECEASED
    assert late.history.get().previous["status"] == Status.RESIDENT
    # The head died: his wife, the only spouse left, heads the household.
    widow = home.head()
    assert widow is not None and widow.given_name == "春子"
    assert widow.history.get().reason == f"死亡・世帯主変更(来庁案件 {visit.pk})"
    assert [m.relationship for m in members(home)[2:]] == ["子", "子"]


def test_the_head_chosen_at_the_counter_is_the_new_head(
    home: Household, clerk: StaffUser
) -> None:
    head, wife, daughter, son = members(home)
    visit = _visit(home, clerk, "death", [head])
    Visit.objects.filter(pk=visit.pk).update(new_head=f"r{daughter.pk}")
    visit.refresh_from_db()

    apply_to_register(visit, "koseki_shibou", clerk)
    apply_to_register(visit, "jumin_setainushi", clerk)

    relationships = {r.given_name: r.relationship for r in members(home)[1:]}
    # Under the daughter, her mother is 母; her brother is left as 子 for
    # the register clerk, since 兄弟 are not restated.
    assert relationships == {"春子": "母", "さくら": "世帯主", "大地": "子"}


def test_a_birth_adds_the_child_once(home: Household, clerk: StaffUser) -> None:
    visit = _visit(home, clerk, "birth", [])
    child = {
        "family_name": "架空",
        "given_name": "みらい",
        "family_name_kana": "カクウ",
        "given_name_kana": "ミライ",
        "sex": "F",
        "relationship": "子",
    }
    Visit.objects.filter(pk=visit.pk).update(newborn=child)
    visit.refresh_from_db()

    assert apply_to_register(visit, "koseki_shussei", clerk)
    apply_to_register(visit, "koseki_shussei", clerk)

    born = home.members.get(given_name="みらい")
    assert (born.birth_date, born.became_resident_on) == (
        PartialDate(2026, 11, 20),
        PartialDate(2026, 11, 20),
    )
    assert (born.relationship, born.sex, born.status) == ("子", "F", Status.RESIDENT)
    assert len(born.juminhyo_code) == 11
    assert home.members.count() == 5


def test_a_child_moving_alone_within_the_city_becomes_a_household(
    home: Household, clerk: StaffUser
) -> None:
    son = members(home)[-1]
    visit = _visit(home, clerk, "move_within", [son])

    apply_to_register(visit, "jumin_tenkyo", clerk)

    son.refresh_from_db()
    assert son.household != home
    assert son.address_since == PartialDate(2026, 11, 20)
    assert son.history.count() == 1
    assert (son.relationship, son.household.address) == (
        "世帯主",
        NEW_ADDRESS["new_address.address"],
    )
    home.refresh_from_db()
    assert home.address == "北海道みほん市栄町2丁目7番1号"
    assert home.members.filter(status=Status.RESIDENT).count() == 4 - 1


def test_a_head_moving_without_the_others_leaves_them_a_household(
    home: Household, clerk: StaffUser
) -> None:
    head, wife, *children = members(home)
    visit = _visit(home, clerk, "move_within", [head])

    apply_to_register(visit, "jumin_tenkyo", clerk)

    home.refresh_from_db()
    assert home.address == NEW_ADDRESS["new_address.address"]
    assert [m.given_name for m in home.members.all()] == ["太郎"]
    wife.refresh_from_db()
    assert wife.relationship == "世帯主"
    assert wife.household.address == "北海道みほん市栄町2丁目7番1号"
    assert {
        c.household_id for c in Resident.objects.filter(pk__in=[c.pk for c in children])
    } == {wife.household_id}


def test_a_marriage_gives_the_surname_and_a_divorce_takes_it_back(
    demo_pack: None, clerk: StaffUser
) -> None:
    home = family_of_four()
    head, wife, *_ = members(home)
    Resident.objects.filter(pk=wife.pk).update(
        family_name="試験", family_name_kana="シケン", relationship="同居人"
    )
    marriage = _visit(home, clerk, "marriage", [head, wife])
    Visit.objects.filter(pk=marriage.pk).update(answers={"details.surname_taken": "夫"})
    marriage.refresh_from_db()

    apply_to_register(marriage, "koseki_konin", clerk)

    wife.refresh_from_db()
    assert (wife.family_name, wife.family_name_kana, wife.relationship) == (
        "架空",
        "カクウ",
        "妻",
    )
    divorce = _visit(home, clerk, "divorce", [head, wife])
    Visit.objects.filter(pk=divorce.pk).update(
        answers={"details.keeps_married_surname": False}
    )
    divorce.refresh_from_db()

    apply_to_register(divorce, "koseki_rikon", clerk)

    wife.refresh_from_db()
    head.refresh_from_db()
    assert (wife.family_name, wife.family_name_kana) == ("試験", "シケン")
    assert head.family_name == "架空"


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
    apply_to_register(visit, "jumin_tenshutsu", department_staff)
    change_state(task, TaskState.DONE, department_staff)

    leaving.refresh_from_db()
    assert leaving.status == Status.MOVED_OUT
    assert leaving.history.count() == 1
    assert task.register_updated_at is not None
    assert Visit.objects.get(pk=visit.pk).status == VisitStatus.CLOSED
