"""Synthetic residents and households for tests (invented people only)."""

import factory

from madoguchi.japanese.wareki import PartialDate
from madoguchi.register.models import Household, Resident, Sex, Status
from madoguchi.register.numbers import juminhyo_code


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    setai_number = factory.Sequence(lambda n: f"{900000000 + n:010d}")
    postal_code = "099-9901"
    address = factory.Sequence(
        lambda n: f"北海道みほん市中央町1丁目{n % 50 + 1}番{n % 9 + 1}号"
    )
    katagaki = ""


class ResidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resident

    class Params:
        moved_out = factory.Trait(status=Status.MOVED_OUT)
        deceased = factory.Trait(status=Status.DECEASED)
        foreign = factory.Trait(
            family_name="NGUYEN",
            given_name="VAN AN",
            family_name_kana="グエン",
            given_name_kana="ヴァン アン",
            nationality="ベトナム",
            residence_status="技能実習",
        )
        birth_month_day_unknown = factory.Trait(birth_date=PartialDate(1935))

    juminhyo_code = factory.Sequence(lambda n: juminhyo_code(8_000_000_000 + n))
    atena_number = factory.Sequence(lambda n: f"{800000000 + n:010d}")
    household = factory.SubFactory(HouseholdFactory)
    family_name = "山田"
    given_name = "花子"
    family_name_kana = "ヤマダ"
    given_name_kana = "ハナコ"
    birth_date = PartialDate(1975, 4, 1)
    sex = Sex.FEMALE
    relationship = "世帯主"
    became_resident_on = PartialDate(2001, 4, 1)
    address_since = PartialDate(2001, 4, 1)
