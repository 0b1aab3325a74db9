"""Every change to the register keeps the state before it."""

import io

import pytest
from django.core.management import call_command

from madoguchi.japanese.wareki import PartialDate
from madoguchi.register.models import Resident, Status
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


def test_rebuilding_keys_mends_stale_ones_without_touching_names() -> None:
    person = ResidentFactory(family_name="髙橋", family_name_kana="タカハシ")
    Resident.objects.filter(pk=person.pk).update(kana_key="STALE", kanji_key="STALE")

    call_command("rebuild_search_keys", stdout=io.StringIO())

    person.refresh_from_db()
    assert person.family_name == "髙橋"
    assert person.kana_key.startswith("タカハシ")
    assert person.kanji_key.startswith("高橋")
    assert not person.history.exists()
