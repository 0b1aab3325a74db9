"""Synthetic households of four and visits for the counter's tests."""

import factory

from madoguchi.counter.models import Visit
from madoguchi.japanese.wareki import PartialDate
from madoguchi.register.models import Household, Resident
from madoguchi.register.tests.factories import HouseholdFactory, ResidentFactory


def family_of_four(family_name: str = "架空", kana: str = "カクウ") -> Household:
    """Return a household of parents and two school children (invented)."""
    home = HouseholdFactory(address="北海道みほん市栄町2丁目7番1号")
    people = [
        ("太郎", "タロウ", "世帯主", "M", PartialDate(1981, 6, 15)),
        ("春子", "ハルコ", "妻", "F", PartialDate(1983, 3, 2)),
        ("さくら", "サクラ", "子", "F", PartialDate(2014, 9, 30)),
        ("大地", "ダイチ", "子", "M", PartialDate(2018, 1, 12)),
    ]
    for given, given_kana, relationship, sex, born in people:
        ResidentFactory(
            household=home,
            family_name=family_name,
            family_name_kana=kana,
            given_name=given,
            given_name_kana=given_kana,
            relationship=relationship,
            sex=sex,
            birth_date=born,
        )
    return home


def members(home: Household) -> list[Resident]:
    return list(home.members.order_by("birth_date"))


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Visit

    household = factory.LazyFunction(family_of_four)
