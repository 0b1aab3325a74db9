"""Every change to the register keeps the state before it."""

import pytest

from madoguchi.japanese.wareki import PartialDate
from madoguchi.register.models import Status
from madoguchi.register.tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def test_a_change_keeps_the_previous_state_with_its_reason(clerk) -> None:  # type: ignore[no-untyped-def]
    person = ResidentFactory(family_name="山田")
    person.refresh_from_db()

    person.status = Status.DECEASED
    person.status_changed_on = PartialDate(2026, 11, 30)
    person.save(reason="死亡", changed_by=clerk)

    change = person.history.get()
    assert change.reason == "死亡"
    assert change.changed_by == clerk
    assert change.previous["status"] == "resident"
    assert change.previous["family_name"] == "山田"


def test_saving_without_a_change_writes_no_history() -> None:
    person = ResidentFactory()
    person.refresh_from_db()

    person.save()

    assert not person.history.exists()


def test_the_household_address_keeps_its_history() -> None:
    person = ResidentFactory()
    household = type(person.household).objects.get(pk=person.household_id)

    household.address = "北海道みほん市栄町1丁目1番1号"
    household.save(reason="転居")

    assert (
        household.history.get().previous["address"].startswith("北海道みほん市中央町")
    )
