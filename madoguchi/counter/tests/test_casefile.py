"""The case file built from the register and the interview answers."""

from datetime import date

import pytest

from madoguchi.counter.casefile import answer_key, build_case
from madoguchi.counter.tests.factories import VisitFactory, family_of_four
from madoguchi.japanese.wareki import PartialDate
from madoguchi.navigator.service import navigate, read_case
from madoguchi.register.tests.factories import ResidentFactory
from madoguchi.staff.models import StaffUser

pytestmark = pytest.mark.django_db


def _visit(clerk: StaffUser, **fields: object) -> object:
    home = family_of_four()
    subjects = [r.pk for r in home.members.all()]
    return VisitFactory(
        opened_by=clerk,
        household=home,
        event="move_within",
        event_date=date(2026, 11, 20),
        subjects=subjects,
        **fields,
    )


def test_the_register_gives_names_ages_on_the_event_day_and_address(
    clerk: StaffUser,
) -> None:
    visit = _visit(clerk)

    case = build_case(visit, today=date(2026, 12, 3))

    head, wife, daughter, son = case["household"]
    assert (head["name"], head["name_kana"]) == ("架空 太郎", "カクウ タロウ")
    assert head["relationship"] == "世帯主"
    assert head["birth_date"] == "1981-06-15"
    ages = read_case(case).ages
    assert ages == (45, 43, 12, 8)
    assert (wife["sex"], wife["nationality"], wife["residence_status"]) == (
        "F",
        "日本",
        None,
    )
    assert case["address"]["address"] == "北海道みほん市栄町2丁目7番1号"
    assert case["event_date"] == "2026-11-20"
    assert case["visit_date"] == "2026-12-03"
    assert sorted(case["subjects"]) == sorted(m["id"] for m in case["household"])


def test_answers_fill_the_member_they_were_given_for(clerk: StaffUser) -> None:
    visit = _visit(clerk)
    case = build_case(visit)
    first_missing = navigate(case).missing[0]
    key = answer_key(case, first_missing.field)
    visit.answers = {key: "国保", "details.school_district_changes": True}

    case = build_case(visit)

    member = next(m for m in case["household"] if m["id"] == first_missing.member)
    assert member["health_insurance"] == "国保"
    assert case["details"] == {"school_district_changes": True}
    assert first_missing.field not in [f.field for f in navigate(case).missing]


def test_a_member_who_left_does_not_carry_old_answers(clerk: StaffUser) -> None:
    visit = _visit(clerk, answers={"household[r999999].pension": "1号"})

    case = build_case(visit)

    assert all("pension" not in member for member in case["household"])


def test_a_birth_year_without_month_and_day_still_gives_an_age(
    clerk: StaffUser,
) -> None:
    visit = _visit(clerk)
    ResidentFactory(
        household=visit.household,
        relationship="祖母",
        birth_date=PartialDate(1935),
    )

    case = build_case(visit)

    grandmother = next(m for m in case["household"] if m["relationship"] == "祖母")
    assert grandmother["age"] >= 90
    assert "birth_date" not in grandmother
