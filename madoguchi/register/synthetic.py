"""Invent a resident population for the demo, the browser tests and benchmarks.

Nobody generated here exists.  Households are drawn from the shapes a
Japanese town has (people living alone, couples, families with children of
every age, three generations under one roof, elderly people alone, foreign
residents) and filled with names from the tables in
``data/synthetic_names.yaml``.  A name and its reading always come from the
same table entry, and given names follow the fashion of the year of birth.

The output depends only on the arguments: the same seed gives the same
population.  Pure Python, no Django, and quick enough for a million residents
in well under a minute on one core; the caller stores them.
"""

import random
from bisect import bisect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import accumulate
from pathlib import Path
from typing import Any, NamedTuple

import yaml

NAMES_FILE = Path(__file__).parent / "data" / "synthetic_names.yaml"

# Foreign residents entered the resident register when the amended 住民基本台帳法
# came into force; those already living in Japan were recorded as residents
# from that day, whenever they had come.
FOREIGN_RESIDENTS_REGISTERED_FROM = date(2012, 7, 9)

_DAYS_PER_YEAR = 365.2425
_OLDEST = 105
# Share of people born before 1945 whose birth is recorded as 月日不詳 or
# 日不詳; it makes about one in a thousand of the population.
_UNKNOWN_BIRTH_SHARE = 0.015
_UNKNOWN_BIRTH_BEFORE = 1945

# People aged 65 and over in Japan by five-year band, in ten thousands,
# roughly as the 2023 population estimates count them.
_ELDERLY = [(65, 737), (70, 868), (75, 713), (80, 590), (85, 390), (90, 200),
            (95, 55), (100, 9)]  # fmt: skip

# How many children still at home a mother has had: 1 to 4, the first
# three shares given; two as common as one.
_CHILDREN_CUMULATIVE = list(accumulate([0.42, 0.42, 0.14]))

_Name = tuple[str, str]
"""A name as registered and its reading in full-width katakana."""

_NO_NAME: _Name = ("", "")


@dataclass(frozen=True, slots=True)
class Town:
    """A town (町名) of the demo municipality."""

    name: str
    postal_code: str
    blocks: int
    """How many 丁目 the town has; 0 when it has none."""


@dataclass(slots=True)
class SyntheticPerson:
    """An invented resident, with the register items the demo shows."""

    family_name: str
    given_name: str
    family_name_kana: str
    given_name_kana: str
    former_family_name: str
    former_family_name_kana: str
    birth: tuple[int, int | None, int | None]
    """Year, month and day; month and day are None where the register has
    月日不詳, the day alone where it has 日不詳."""
    sex: str
    relationship: str
    nationality: str
    residence_status: str
    became_resident_on: date
    address_since: date


@dataclass(slots=True)
class SyntheticHousehold:
    """An invented household at an address; the head (世帯主) comes first."""

    town: Town
    block: int | None
    lot: str
    katagaki: str
    members: list[SyntheticPerson]


def generate(
    residents: int, towns: Sequence[Town], today: date, seed: int = 0
) -> Iterator[SyntheticHousehold]:
    """Yield households until exactly `residents` people have been produced.

    The last household may be cut short.  Nobody is born after `today` and no
    date lies beyond it.
    """
    if residents < 0:
        raise ValueError(f"residents: must be 0 or more, not {residents}")
    if not towns:
        raise ValueError("towns: at least one town is needed")

    population = _Population(_tables(), list(towns), today, random.Random(seed))
    produced = 0
    while produced < residents:
        household = population.household()
        del household.members[residents - produced :]
        produced += len(household.members)
        yield household


class _Weighted:
    """Entries drawn at random in proportion to their weights."""

    __slots__ = ("entries", "_cumulative", "_total")

    def __init__(self, entries: Sequence[Any], weights: Sequence[float]) -> None:
        self.entries = tuple(entries)
        self._cumulative = list(accumulate(weights))
        self._total = self._cumulative[-1]

    def pick(self, rng: random.Random) -> Any:
        return self.entries[bisect(self._cumulative, rng.random() * self._total)]


def _by_rank(names: Sequence[Sequence[str]]) -> _Weighted:
    # The tables list the most common names first; a gently falling weight
    # makes the first ones commoner without a number on every line.
    return _Weighted(
        [(name, reading) for name, reading in names],
        [1 / (rank + 4) for rank in range(len(names))],
    )


def _by_weight(rows: Sequence[Sequence[Any]]) -> _Weighted:
    return _Weighted([(row[0], row[1]) for row in rows], [row[-1] for row in rows])


class _Nationality(NamedTuple):
    name: str
    family_names: _Weighted
    given_names: dict[str, _Weighted]
    wife_keeps_family_name: bool


class _Status(NamedTuple):
    name: str
    youngest: int
    oldest: int
    years_in_japan: int | None
    """None for those born in Japan."""


class _Tables(NamedTuple):
    surnames: _Weighted
    variant_surnames: _Weighted
    variant_share: float
    given_name_bands: list[int]
    given_names: list[dict[str, _Weighted]]
    nationalities: dict[str, _Nationality]
    statuses: dict[str, _Status]
    dependants: dict[str, str]
    foreign_households: _Weighted
    apartment_first: tuple[str, ...]
    apartment_kind: tuple[str, ...]


@cache
def _tables() -> _Tables:
    """Load the name tables once per process."""
    with NAMES_FILE.open(encoding="utf-8") as stream:
        data = yaml.load(stream, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))

    surnames = data["surnames"]
    bands = data["given_names"]
    return _Tables(
        surnames=_by_weight(surnames["common"]),
        variant_surnames=_by_weight(surnames["variant"]),
        variant_share=surnames["variant_share"],
        given_name_bands=[band["born_from"] for band in bands],
        given_names=[{sex: _by_rank(band[sex]) for sex in "MF"} for band in bands],
        nationalities={
            name: _Nationality(
                name=name,
                family_names=_by_weight(table["family_names"]),
                given_names={sex: _by_rank(table[sex]) for sex in "MF"},
                wife_keeps_family_name=table["wife_keeps_family_name"],
            )
            for name, table in data["foreign_names"].items()
        },
        statuses={
            name: _Status(name, *info["ages"], info.get("years_in_japan"))
            for name, info in data["residence_statuses"].items()
        },
        dependants=data["dependants"],
        foreign_households=_Weighted(
            [tuple(row[:3]) for row in data["foreign_households"]],
            [row[3] for row in data["foreign_households"]],
        ),
        apartment_first=tuple(data["apartments"]["first"]),
        apartment_kind=tuple(data["apartments"]["kind"]),
    )


class _Arrival(NamedTuple):
    """When a household came to its address, and from where."""

    settled_on: date
    """The day it settled at the address (住定日)."""
    settled: int
    """The same day as an ordinal."""
    from_elsewhere: bool
    """True if it moved in from another municipality (転入) that day, False if
    it moved within this one (転居)."""


class _Birth(NamedTuple):
    registered: tuple[int, int | None, int | None]
    """Year, month and day as the register has them."""
    last_day: date
    """The day of birth, or the last it may be where month or day is unknown."""
    last: int
    """The same day as an ordinal."""


class _Family(NamedTuple):
    """What children of a household take from it."""

    name: _Name
    mother_born: int
    arrival: _Arrival
    father_born: int = 0


class _Building:
    """An apartment building and its rooms still free."""

    __slots__ = ("block", "lot", "name", "vacant")

    def __init__(self, block: int | None, lot: str, name: str, vacant: list[int]):
        self.block = block
        self.lot = lot
        self.name = name
        self.vacant = vacant


class _Population:
    """The random state and the rules that turn it into households."""

    def __init__(
        self, tables: _Tables, towns: list[Town], today: date, rng: random.Random
    ) -> None:
        self._tables = tables
        self._towns = towns
        self._today = today.toordinal()
        self._rng = rng
        self._buildings: list[list[_Building]] = [[] for _ in towns]
        self._foreign_registered_from = (
            FOREIGN_RESIDENTS_REGISTERED_FROM
            if today >= FOREIGN_RESIDENTS_REGISTERED_FROM
            else date.min
        )
        # _latest_birth[n] is the last day on which someone n years old today
        # can have been born.
        self._latest_birth = [
            _years_before(today, years).toordinal() for years in range(_OLDEST + 2)
        ]

        self._elderly_ages = {
            youngest: _Weighted(
                [age for age, _ in _ELDERLY if age >= youngest],
                [people for age, people in _ELDERLY if age >= youngest],
            )
            for youngest in (65, 75)
        }

        # Households per thousand, near the 2020 census (38% one person, 20%
        # couples, 25% couples with children, 9% single parents, the rest
        # three generations and others), weighed so that the ages of the
        # people come out near Japan's: about 27% are 65 or over (29% in
        # Japan), 15% under 15 (11%), 2.1 people to a household (2.2).
        shapes: list[tuple[Callable[[], SyntheticHousehold], float]] = [
            (self._young_single, 110),
            (self._middle_aged_single, 95),
            (self._older_single, 70),
            (self._elderly_alone, 100),
            (self._young_couple, 40),
            (self._middle_aged_couple, 100),
            (self._elderly_couple, 150),
            (self._couple_with_children, 185),
            (self._single_parent, 60),
            (self._with_parents, 45),
            (self._with_grandchildren, 20),
            (self._siblings, 10),
            (self._with_housemate, 10),
            (self._with_grandparent, 5),
            (self._foreign, 32),
        ]
        self._shapes = _Weighted(*zip(*shapes, strict=True))

    def household(self) -> SyntheticHousehold:
        return self._shapes.pick(self._rng)()

    # Household shapes.  Each chooses the head's age first, then when the
    # household settled at its address, then the other members.

    def _young_single(self) -> SyntheticHousehold:
        head, _ = self._head(self._age(18, 35), self._sex(), mean_years=3)
        return self._household([head], apartment_share=0.85)

    def _middle_aged_single(self) -> SyntheticHousehold:
        head, _ = self._head(self._age(35, 65), self._sex(), mean_years=9)
        return self._household([head], apartment_share=0.5)

    def _older_single(self) -> SyntheticHousehold:
        sex = self._sex(female_share=0.6)
        head, _ = self._head(self._age(65, 75), sex, mean_years=20)
        return self._household([head], apartment_share=0.25)

    def _elderly_alone(self) -> SyntheticHousehold:
        sex = self._sex(female_share=0.7)
        head, _ = self._head(self._elderly_age(75), sex, mean_years=30)
        return self._household([head], apartment_share=0.15)

    def _young_couple(self) -> SyntheticHousehold:
        couple, _ = self._couple(self._age(22, 38), mean_years=3)
        return self._household(couple, apartment_share=0.7)

    def _middle_aged_couple(self) -> SyntheticHousehold:
        couple, _ = self._couple(self._age(40, 65), mean_years=12)
        return self._household(couple, apartment_share=0.2)

    def _elderly_couple(self) -> SyntheticHousehold:
        couple, _ = self._couple(self._elderly_age(65), mean_years=25)
        return self._household(couple, apartment_share=0.1)

    def _couple_with_children(self) -> SyntheticHousehold:
        mother_age = self._rng.triangular(24, 62, 45)
        couple, family = self._couple(mother_age, mean_years=8)
        children = self._children(family, mother_age, "子")
        return self._household(couple + children, apartment_share=0.3)

    def _single_parent(self) -> SyntheticHousehold:
        rng = self._rng
        parent_age = self._age(23, 58)
        sex = "F" if rng.random() < 0.85 else "M"
        parent, arrival = self._head(parent_age, sex, mean_years=6)
        family = _Family(_name_of(parent), self._born(parent_age), arrival)
        children = self._children(family, parent_age, "子")
        return self._household([parent, *children], apartment_share=0.5)

    def _with_parents(self) -> SyntheticHousehold:
        """A couple with their children and the head's father or mother."""
        rng = self._rng
        mother_age = self._age(30, 55)
        couple, family = self._couple(
            mother_age, mean_years=15, husband_heads=1.0, takes_wife_name=0.0
        )
        head_age = (self._today - family.father_born) / _DAYS_PER_YEAR

        elders = []
        grandmother_age = head_age + self._age(21, 40)
        if grandmother_age < _OLDEST:
            if rng.random() < 0.5:
                grandfather_age = min(grandmother_age + rng.uniform(0, 5), _OLDEST)
                elders.append(self._elder(family, grandfather_age, "M", "父"))
            elders.append(self._elder(family, grandmother_age, "F", "母"))
        children = self._children(family, mother_age, "子")
        return self._household(couple + elders + children, apartment_share=0.02)

    def _with_grandchildren(self) -> SyntheticHousehold:
        """An elderly head, a son, his wife and their children."""
        rng = self._rng
        elder_age = self._age(60, 88)
        if rng.random() < 0.65:
            elders, family = self._couple(elder_age, mean_years=30)
        else:
            sex = self._sex(female_share=0.75)
            head, arrival = self._head(elder_age, sex, mean_years=30)
            elders = [head]
            family = _Family(_name_of(head), self._born(elder_age), arrival)

        son_age = elder_age - self._age(22, 38)
        son_born = self._born(son_age)
        son = self._japanese(family.name, "M", son_born, "子", family.arrival)
        wife_age = max(son_age - rng.gauss(2, 3), 20.0)
        former = self._former(self._surname(other_than=family.name))
        wife = self._japanese(
            family.name,
            "F",
            self._born(wife_age),
            "子の配偶者",
            family.arrival,
            former=former,
        )
        young = family._replace(mother_born=self._born(wife_age))
        grandchildren = self._children(young, wife_age, "孫")
        members = elders + [son, wife] + grandchildren
        return self._household(members, apartment_share=0.0)

    def _siblings(self) -> SyntheticHousehold:
        rng = self._rng
        head_age = self._age(20, 85)
        head, arrival = self._head(head_age, self._sex(), mean_years=15)
        sibling_age = min(max(head_age + rng.uniform(-8, 8), 18.0), _OLDEST)
        sex = self._sex()
        relationship = {
            ("M", True): "兄",
            ("F", True): "姉",
            ("M", False): "弟",
            ("F", False): "妹",
        }[sex, sibling_age > head_age]
        born = self._born(sibling_age)
        sibling = self._japanese(_name_of(head), sex, born, relationship, arrival)
        return self._household([head, sibling], apartment_share=0.3)

    def _with_housemate(self) -> SyntheticHousehold:
        rng = self._rng
        head_age = self._age(20, 60)
        head, arrival = self._head(head_age, self._sex(), mean_years=4)
        housemate_age = max(head_age + rng.uniform(-6, 6), 18.0)
        housemate = self._japanese(
            self._surname(other_than=_name_of(head)),
            self._sex(),
            self._born(housemate_age),
            "同居人",
            arrival,
        )
        return self._household([head, housemate], apartment_share=0.7)

    def _with_grandparent(self) -> SyntheticHousehold:
        head_age = self._age(18, 32)
        head, arrival = self._head(head_age, self._sex(), mean_years=5)
        grandparent_age = min(head_age + self._age(42, 62), _OLDEST)
        sex = self._sex(female_share=0.75)
        grandparent = self._japanese(
            _name_of(head),
            sex,
            self._born(grandparent_age),
            "祖母" if sex == "F" else "祖父",
            arrival,
        )
        return self._household([head, grandparent], apartment_share=0.05)

    def _foreign(self) -> SyntheticHousehold:
        nationality, shape, status = self._tables.foreign_households.pick(self._rng)
        nation = self._tables.nationalities[nationality]
        status_info = self._tables.statuses[status]
        if shape == "single":
            return self._foreign_single(nation, status_info)
        if shape == "family":
            return self._foreign_family(nation, status_info)
        return self._spouse_of_japanese(nation, status_info)

    def _foreign_single(
        self, nation: _Nationality, status: _Status
    ) -> SyntheticHousehold:
        age = self._age(status.youngest, status.oldest)
        born = self._born(age)
        arrival = self._foreign_arrival(born, status)
        sex = self._sex(female_share=0.45)
        head = self._foreigner(
            nation,
            nation.family_names.pick(self._rng),
            sex,
            born,
            "世帯主",
            status.name,
            arrival,
        )
        return self._household([head], apartment_share=0.9)

    def _foreign_family(
        self, nation: _Nationality, status: _Status
    ) -> SyntheticHousehold:
        rng = self._rng
        husband_age = self._age(max(status.youngest, 25), status.oldest)
        husband_born = self._born(husband_age)
        arrival = self._foreign_arrival(husband_born, status)
        family = nation.family_names.pick(rng)
        dependant = self._tables.dependants[status.name]
        husband = self._foreigner(
            nation, family, "M", husband_born, "世帯主", status.name, arrival
        )
        wife_age = max(husband_age - rng.gauss(2, 3), 20.0)
        wife_born = self._born(wife_age)
        wife_family = (
            nation.family_names.pick(rng) if nation.wife_keeps_family_name else family
        )
        wife = self._foreigner(
            nation, wife_family, "F", wife_born, "妻", dependant, arrival
        )

        members = [husband, wife]
        for born in self._birth_days(wife_born, wife_age):
            members.append(
                self._foreigner(
                    nation, family, self._sex(), born, "子", dependant, arrival
                )
            )
        return self._household(members, apartment_share=0.6)

    def _spouse_of_japanese(
        self, nation: _Nationality, status: _Status
    ) -> SyntheticHousehold:
        """A Japanese head, his foreign wife, and their Japanese children."""
        rng = self._rng
        wife_age = self._age(max(status.youngest, 25), status.oldest)
        husband_age = min(wife_age + abs(rng.gauss(6, 6)), 80.0)
        head, arrival = self._head(husband_age, "M", mean_years=10)
        wife_born = self._born(wife_age)
        wife = self._foreigner(
            nation,
            nation.family_names.pick(rng),
            "F",
            wife_born,
            "妻",
            status.name,
            arrival,
        )
        family = _Family(_name_of(head), wife_born, arrival)
        children = self._children(family, wife_age, "子")
        return self._household([head, wife, *children], apartment_share=0.4)

    # Members.

    def _couple(
        self,
        wife_age: float,
        mean_years: float,
        husband_heads: float = 0.92,
        takes_wife_name: float = 0.04,
    ) -> tuple[list[SyntheticPerson], _Family]:
        """Make a married couple, head first, sharing one surname."""
        rng = self._rng
        husband_age = min(max(wife_age + rng.gauss(2, 3), 18.0), _OLDEST)
        husband_born, wife_born = self._born(husband_age), self._born(wife_age)
        husband_is_head = rng.random() < husband_heads
        arrival = self._arrival(
            husband_born if husband_is_head else wife_born, mean_years
        )

        his = self._surname()
        hers = self._surname(other_than=his)
        if rng.random() < takes_wife_name:
            family, his_former, her_former = hers, self._former(his), _NO_NAME
        else:
            family, his_former, her_former = his, _NO_NAME, self._former(hers)

        husband = self._japanese(
            family,
            "M",
            husband_born,
            "世帯主" if husband_is_head else "夫",
            arrival,
            former=his_former,
        )
        wife = self._japanese(
            family,
            "F",
            wife_born,
            "妻" if husband_is_head else "世帯主",
            arrival,
            former=her_former,
        )
        couple = [husband, wife] if husband_is_head else [wife, husband]
        return couple, _Family(family, wife_born, arrival, husband_born)

    def _former(self, name: _Name) -> _Name:
        # Few of those who changed their surname on marriage have had the old
        # one (旧氏) added to their record.
        return name if self._rng.random() < 0.06 else _NO_NAME

    def _children(
        self, family: _Family, mother_age: float, relationship: str
    ) -> list[SyntheticPerson]:
        return [
            self._japanese(family.name, self._sex(), born, relationship, family.arrival)
            for born in self._birth_days(family.mother_born, mother_age)
        ]

    def _birth_days(self, mother_born: int, mother_age: float) -> list[int]:
        """Choose the births of the children still at home of a mother.

        The first child is born when the mother is 20 to 40, most often about
        31, the others one and a half to five and a half years apart, none
        after she is 45.  Grown-up children have often left.
        """
        rng = self._rng
        count = 1 + bisect(_CHILDREN_CUMULATIVE, rng.random())
        latest = min(mother_age, 40.0)
        at = rng.triangular(min(20.0, latest), latest, min(31.0, latest))
        births = []
        for _ in range(count):
            born = mother_born + int(at * _DAYS_PER_YEAR)
            if at > 45 or born > self._today:
                break
            grown_up = self._today - born > 22 * _DAYS_PER_YEAR
            if not (grown_up and rng.random() < 0.6):
                births.append(born)
            at += 1.5 + rng.random() * 4
        return births

    def _elder(
        self, family: _Family, age: float, sex: str, relationship: str
    ) -> SyntheticPerson:
        return self._japanese(
            family.name, sex, self._born(age), relationship, family.arrival
        )

    def _head(
        self, age: float, sex: str, mean_years: float
    ) -> tuple[SyntheticPerson, _Arrival]:
        """Make a Japanese head, with the arrival of their household."""
        born = self._born(age)
        arrival = self._arrival(born, mean_years)
        return self._japanese(self._surname(), sex, born, "世帯主", arrival), arrival

    def _japanese(
        self,
        family: _Name,
        sex: str,
        born: int,
        relationship: str,
        arrival: _Arrival,
        former: _Name = _NO_NAME,
    ) -> SyntheticPerson:
        birth = self._birth(born)
        given = self._given_name(sex, birth.last_day.year)
        became, since = self._residence(birth, arrival)
        return SyntheticPerson(
            family_name=family[0],
            given_name=given[0],
            family_name_kana=family[1],
            given_name_kana=given[1],
            former_family_name=former[0],
            former_family_name_kana=former[1],
            birth=birth.registered,
            sex=sex,
            relationship=relationship,
            nationality="日本",
            residence_status="",
            became_resident_on=became,
            address_since=since,
        )

    def _foreigner(
        self,
        nation: _Nationality,
        family: _Name,
        sex: str,
        born: int,
        relationship: str,
        status: str,
        arrival: _Arrival,
    ) -> SyntheticPerson:
        birth = self._birth(born)
        given = nation.given_names[sex].pick(self._rng)
        became, since = self._residence(birth, arrival)
        if became < self._foreign_registered_from:
            became = self._foreign_registered_from
            since = max(since, became)
        return SyntheticPerson(
            family_name=family[0],
            given_name=given[0],
            family_name_kana=family[1],
            given_name_kana=given[1],
            former_family_name="",
            former_family_name_kana="",
            birth=birth.registered,
            sex=sex,
            relationship=relationship,
            nationality=nation.name,
            residence_status=status,
            became_resident_on=became,
            address_since=since,
        )

    # Names.

    def _surname(self, other_than: _Name = _NO_NAME) -> _Name:
        tables = self._tables
        while True:
            if self._rng.random() < tables.variant_share:
                name = tables.variant_surnames.pick(self._rng)
            else:
                name = tables.surnames.pick(self._rng)
            if name != other_than:
                return name

    def _given_name(self, sex: str, born_in: int) -> _Name:
        # Fashions blend: a name is taken as if born up to four years earlier
        # or later.
        fashion_year = born_in + int(self._rng.random() * 9) - 4
        band = max(bisect(self._tables.given_name_bands, fashion_year) - 1, 0)
        return self._tables.given_names[band][sex].pick(self._rng)

    # Dates.

    def _age(self, youngest: float, oldest: float) -> float:
        return youngest + self._rng.random() * (oldest - youngest)

    def _elderly_age(self, youngest: int) -> float:
        """Draw an age of `youngest` (65 or 75) or more, as Japan has them."""
        ages = self._elderly_ages[youngest]
        return ages.pick(self._rng) + self._rng.random() * 5

    def _born(self, age: float) -> int:
        """Give the ordinal of a birth date for someone `age` years old today."""
        years = min(int(age), _OLDEST)
        latest = self._latest_birth[years]
        span = latest - self._latest_birth[years + 1]
        return latest - int((age - years) * span)

    def _birth(self, born: int) -> _Birth:
        """Register a birth; a few very old people's are incomplete."""
        day = date.fromordinal(born)
        if day.year >= _UNKNOWN_BIRTH_BEFORE:
            return _Birth((day.year, day.month, day.day), day, born)
        if self._rng.random() >= _UNKNOWN_BIRTH_SHARE:
            return _Birth((day.year, day.month, day.day), day, born)
        if self._rng.random() < 0.7:
            last_day = date(day.year, 12, 31)
            return _Birth((day.year, None, None), last_day, last_day.toordinal())
        next_month = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        last = next_month.toordinal() - 1
        return _Birth((day.year, day.month, None), date.fromordinal(last), last)

    def _sex(self, female_share: float = 0.5) -> str:
        return "F" if self._rng.random() < female_share else "M"

    def _arrival(self, head_born: int, mean_years: float) -> _Arrival:
        """Choose when a household settled at its address, its head an adult."""
        rng = self._rng
        longest = self._today - head_born - int(18 * _DAYS_PER_YEAR)
        days = int(rng.expovariate(1 / (mean_years * _DAYS_PER_YEAR)))
        if days > longest:
            days = int(rng.random() * max(longest, 0))
        return self._arrived(self._today - days, from_elsewhere=rng.random() < 0.55)

    def _foreign_arrival(self, head_born: int, status: _Status) -> _Arrival:
        if status.years_in_japan is None:
            return self._arrival(head_born, mean_years=20)
        longest = min(
            status.years_in_japan * _DAYS_PER_YEAR,
            self._today - head_born - 17 * _DAYS_PER_YEAR,
        )
        days = int(self._rng.random() * max(longest, 0))
        return self._arrived(self._today - days, from_elsewhere=True)

    def _arrived(self, settled: int, from_elsewhere: bool) -> _Arrival:
        return _Arrival(date.fromordinal(settled), settled, from_elsewhere)

    def _residence(self, birth: _Birth, arrival: _Arrival) -> tuple[date, date]:
        """Give 住民となった年月日 and 住定日 of a member of the household."""
        if birth.last >= arrival.settled:
            # Born at this address.
            return birth.last_day, birth.last_day
        if arrival.from_elsewhere:
            return arrival.settled_on, arrival.settled_on
        if birth.registered[2] is not None and self._rng.random() < 0.5:
            # Born in the municipality, and never left it.
            return birth.last_day, arrival.settled_on
        days = int(self._rng.random() * (arrival.settled - birth.last))
        return date.fromordinal(birth.last + days), arrival.settled_on

    # Addresses.

    def _household(
        self, members: list[SyntheticPerson], apartment_share: float
    ) -> SyntheticHousehold:
        rng = self._rng
        town_index = int(rng.random() * len(self._towns))
        town = self._towns[town_index]
        if rng.random() < apartment_share:
            building, room = self._room(town_index)
            katagaki = f"{building.name} {room}"
            return SyntheticHousehold(
                town, building.block, building.lot, katagaki, members
            )
        return SyntheticHousehold(town, self._block(town), self._lot(town), "", members)

    def _room(self, town_index: int) -> tuple[_Building, int]:
        """Let a free room in a building of the town, new or already let."""
        rng = self._rng
        buildings = self._buildings[town_index]
        if buildings and rng.random() < 0.92:
            index = int(rng.random() * len(buildings))
        else:
            buildings.append(self._building(self._towns[town_index]))
            index = len(buildings) - 1

        building = buildings[index]
        room = building.vacant.pop(int(rng.random() * len(building.vacant)))
        if not building.vacant:
            buildings[index] = buildings[-1]
            buildings.pop()
        return building, room

    def _building(self, town: Town) -> _Building:
        """Put up an apartment building of two to six floors."""
        rng = self._rng
        floors = 2 + int(rng.random() ** 2 * 5)
        per_floor = 3 + int(rng.random() * 6)
        name = rng.choice(self._tables.apartment_first) + rng.choice(
            self._tables.apartment_kind
        )
        vacant = [
            floor * 100 + door
            for floor in range(1, floors + 1)
            for door in range(1, per_floor + 1)
        ]
        return _Building(self._block(town), self._lot(town), name, vacant)

    def _block(self, town: Town) -> int | None:
        if town.blocks <= 0:
            return None
        return 1 + int(self._rng.random() * town.blocks)

    def _lot(self, town: Town) -> str:
        """Write a 番地: 番-号 where the town has 住居表示, else 地番 style."""
        rng = self._rng
        if town.blocks > 0:
            return f"{1 + int(rng.random() * 30)}-{1 + int(rng.random() * 25)}"
        number = 1 + int(rng.random() * 1200)
        if rng.random() < 0.4:
            return f"{number}番地"
        return f"{number}番地{1 + int(rng.random() * 30)}"


def _name_of(person: SyntheticPerson) -> _Name:
    return person.family_name, person.family_name_kana


def _years_before(day: date, years: int) -> date:
    """Give the same day `years` earlier; 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)
