"""Fill the register with a synthetic population for demos and benchmarks.

Everyone made here is invented (``synthetic.generate``); nothing comes from
a real register.
"""

import time
from datetime import date
from itertools import islice

import structlog
from django.db import transaction

from madoguchi.japanese.wareki import PartialDate
from madoguchi.packs.models import Municipality
from madoguchi.packs.models import Town as PackTown
from madoguchi.register import synthetic
from madoguchi.register.models import Household, Resident
from madoguchi.register.numbers import NumberBook

log = structlog.get_logger(__name__)

BATCH = 2000


class SeedError(Exception):
    """The register cannot be seeded as asked."""


def _address(city: Municipality, household: synthetic.SyntheticHousehold) -> str:
    block = f"{household.block}丁目" if household.block else ""
    return f"{city.prefecture}{city.name}{household.town.name}{block}{household.lot}"


def seed(residents: int, today: date, seed: int = 0) -> int:
    """Add ``residents`` synthetic people in households; return households added."""
    city = Municipality.objects.first()
    towns = [
        synthetic.Town(name=t.name, postal_code=t.postal_code, blocks=t.blocks)
        for t in PackTown.objects.all()
    ]
    if city is None or not towns:
        raise SeedError(
            "自治体パックが読み込まれていません。先に `madoguchi pack load` を実行してください。"
        )

    numbers = NumberBook(block=BATCH)
    resident_numbers = numbers.residents()
    household_numbers = numbers.households()
    generated = synthetic.generate(residents, towns, today=today, seed=seed)
    started = time.perf_counter()
    added = 0
    while batch := list(islice(generated, BATCH)):
        with transaction.atomic():
            households = [
                Household(
                    setai_number=next(household_numbers),
                    postal_code=h.town.postal_code,
                    address=_address(city, h),
                    katagaki=h.katagaki,
                )
                for h in batch
            ]
            for household in households:
                household.refresh_search_keys()
            Household.objects.bulk_create(households)

            people = []
            for household, made in zip(households, batch, strict=True):
                for person in made.members:
                    code, atena = next(resident_numbers)
                    resident = Resident(
                        juminhyo_code=code,
                        atena_number=atena,
                        household=household,
                        family_name=person.family_name,
                        given_name=person.given_name,
                        family_name_kana=person.family_name_kana,
                        given_name_kana=person.given_name_kana,
                        former_family_name=person.former_family_name,
                        former_family_name_kana=person.former_family_name_kana,
                        birth_date=PartialDate(*person.birth),
                        sex=person.sex,
                        relationship=person.relationship,
                        became_resident_on=PartialDate.from_date(
                            person.became_resident_on
                        ),
                        address_since=PartialDate.from_date(person.address_since),
                        nationality=person.nationality,
                        residence_status=person.residence_status,
                    )
                    resident.refresh_search_keys()
                    people.append(resident)
            Resident.objects.bulk_create(people)
        added += len(households)
    log.info(
        "register.seeded",
        residents=residents,
        households=added,
        seconds=round(time.perf_counter() - started, 1),
    )
    return added
