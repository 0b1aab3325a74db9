"""The synthetic population looks like a Japanese town's to a user of the demo."""

import re
from collections import Counter
from datetime import date, timedelta

import pytest
import yaml

from madoguchi.register.synthetic import (
    FOREIGN_RESIDENTS_REGISTERED_FROM,
    NAMES_FILE,
    SyntheticHousehold,
    SyntheticPerson,
    Town,
    generate,
)

TODAY = date(2025, 4, 1)
TOWNS = [
    Town(name="中央町", postal_code="099-9901", blocks=4),
    Town(name="北町", postal_code="099-9902", blocks=0),
]
RELATIONSHIPS = {
    "世帯主", "妻", "夫", "子", "父", "母", "祖父", "祖母", "孫", "子の配偶者",
    "兄", "姉", "弟", "妹", "同居人",
}  # fmt: skip
# Full-width katakana (ヴ and ー included); parts apart by an ideographic space.
KANA = re.compile(r"[ァ-ヶー]+(\u3000[ァ-ヶー]+)*")
VARIATION_SELECTORS = re.compile("[\U000e0100-\U000e01ef]")


@pytest.fixture(scope="module")
def tables():
    with NAMES_FILE.open(encoding="utf-8") as stream:
        return yaml.safe_load(stream)


@pytest.fixture(scope="module")
def households() -> list[SyntheticHousehold]:
    return list(generate(10_000, TOWNS, TODAY, seed=7))


@pytest.fixture(scope="module")
def people(households) -> list[SyntheticPerson]:
    return [person for household in households for person in household.members]


def age(person: SyntheticPerson, today: date = TODAY) -> int:
    year, month, day = person.birth
    # An unknown month or day counts as late as it may be: the youngest age.
    birthday = (month or 12, day or 31)
    return today.year - year - ((today.month, today.day) < birthday)


def latest_birth(person: SyntheticPerson) -> date:
    year, month, day = person.birth
    if month is None:
        return date(year, 12, 31)
    if day is None:
        return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return date(year, month, day)


@pytest.mark.parametrize("residents", [0, 1, 2, 7, 5_000])
def test_makes_exactly_the_residents_asked_for(residents):
    made = list(generate(residents, TOWNS, TODAY))

    assert sum(len(household.members) for household in made) == residents
    assert all(household.members for household in made)


def test_the_same_seed_gives_the_same_households():
    first = list(generate(2_000, TOWNS, TODAY, seed=3))
    again = list(generate(2_000, TOWNS, TODAY, seed=3))
    other = list(generate(2_000, TOWNS, TODAY, seed=4))

    assert first == again
    assert first != other


def test_every_household_has_its_head_first(households):
    for household in households:
        relationships = [person.relationship for person in household.members]
        assert relationships[0] == "世帯主"
        assert relationships.count("世帯主") == 1
        assert set(relationships) <= RELATIONSHIPS


def test_readings_are_full_width_katakana(people):
    for person in people:
        assert KANA.fullmatch(person.family_name_kana), person
        assert KANA.fullmatch(person.given_name_kana), person
        if person.former_family_name:
            assert KANA.fullmatch(person.former_family_name_kana), person
        else:
            assert person.former_family_name_kana == ""


def test_every_name_has_the_reading_of_its_own_table_entry(tables, people):
    surnames = {
        (row[0], row[1])
        for part in ("common", "variant")
        for row in tables["surnames"][part]
    }
    given = {
        sex: {tuple(row) for band in tables["given_names"] for row in band[sex]}
        for sex in "MF"
    }
    foreign = tables["foreign_names"]

    for person in people:
        family = (person.family_name, person.family_name_kana)
        name = (person.given_name, person.given_name_kana)
        if person.nationality == "日本":
            assert family in surnames, person
            assert name in given[person.sex], person
        else:
            table = foreign[person.nationality]
            assert [*family] in [row[:2] for row in table["family_names"]], person
            assert [*name] in table[person.sex], person
        if person.former_family_name:
            former = (person.former_family_name, person.former_family_name_kana)
            assert former in surnames, person
            assert former != family


def test_each_name_is_read_one_way_in_its_table(tables):
    def readings(rows):
        seen: dict[str, set[str]] = {}
        for row in rows:
            seen.setdefault(row[0], set()).add(row[1])
        return {name: kana for name, kana in seen.items() if len(kana) > 1}

    surnames = tables["surnames"]["common"] + tables["surnames"]["variant"]
    assert readings(surnames) == {}
    for sex in "MF":
        given = [row for band in tables["given_names"] for row in band[sex]]
        assert readings(given) == {}
    for table in tables["foreign_names"].values():
        assert readings(table["family_names"]) == {}
        assert readings(table["M"] + table["F"]) == {}


def test_variant_surnames_read_as_their_common_form(tables):
    common = {name: reading for name, reading, _ in tables["surnames"]["common"]}

    for variant, reading, common_form, _ in tables["surnames"]["variant"]:
        assert variant != common_form
        assert common[common_form] == reading, variant


@pytest.mark.parametrize(
    ("surname", "reading"),
    [
        ("渡部", "ワタナベ"),
        ("河野", "コウノ"),
        ("菅原", "スガワラ"),
        ("菊地", "キクチ"),
        ("東海林", "ショウジ"),
        ("山崎", "ヤマザキ"),
        ("髙橋", "タカハシ"),
        ("渡邉", "ワタナベ"),
        ("\U00020bb7田", "ヨシダ"),
        ("\u8fbb\U000e0102", "ツジ"),
    ],
)
def test_known_surnames_have_their_right_reading(tables, surname, reading):
    rows = tables["surnames"]["common"] + tables["surnames"]["variant"]

    assert {row[1] for row in rows if row[0] == surname} == {reading}


def test_given_names_suit_the_year_of_birth(tables, people):
    bands = tables["given_names"]
    older = {name for band in bands[:-1] for sex in "MF" for name, _ in band[sex]}
    newest = {name for sex in "MF" for name, _ in bands[-1][sex]} - older
    oldest = {name for sex in "MF" for name, _ in bands[0][sex]}
    oldest -= {name for band in bands[1:] for sex in "MF" for name, _ in band[sex]}

    japanese = [person for person in people if person.nationality == "日本"]
    assert not [p for p in japanese if p.birth[0] < 1950 and p.given_name in newest]
    assert not [p for p in japanese if p.birth[0] >= 2000 and p.given_name in oldest]
    assert any(p.given_name in newest for p in japanese)
    assert any(p.given_name in oldest for p in japanese)


def test_children_of_every_school_stage_live_in_five_thousand_people():
    people = [p for h in generate(5_000, TOWNS, TODAY, seed=11) for p in h.members]
    ages = Counter(age(person) for person in people)

    for stage, years in {
        "未就学": range(0, 6),
        "小学生": range(6, 12),
        "中学生": range(12, 15),
        "高校生": range(15, 18),
    }.items():
        assert all(ages[year] > 0 for year in years), stage


def test_ages_and_dates_are_possible(people):
    for person in people:
        born = latest_birth(person)
        assert 0 <= age(person) <= 105, person
        assert born <= TODAY, person
        assert born <= person.became_resident_on <= person.address_since <= TODAY


def test_the_population_has_young_and_very_old_people(people):
    ages = [age(person) for person in people]

    assert min(ages) == 0
    assert max(ages) >= 95
    assert 0.18 <= sum(a >= 65 for a in ages) / len(ages) <= 0.35


def test_mothers_are_20_to_45_at_a_childs_birth(households):
    checked = 0
    for household in households:
        mother = next(
            (p for p in household.members if p.relationship == "妻"),
            household.members[0] if household.members[0].sex == "F" else None,
        )
        if mother is None or mother.birth[2] is None:
            continue
        for child in household.members:
            if child.relationship == "子" and child.birth[2] is not None:
                years = (latest_birth(child) - latest_birth(mother)).days / 365.2425
                assert 19.99 <= years <= 45.01, household
                checked += 1
    assert checked > 1_000


def test_spouses_share_the_surname_of_the_japanese_head(households):
    for household in households:
        head, *others = household.members
        for spouse in others:
            if spouse.relationship in {"妻", "夫"} and spouse.nationality == "日本":
                assert spouse.family_name == head.family_name
                assert spouse.family_name_kana == head.family_name_kana


def test_some_married_people_keep_their_former_surname(people):
    formers = [person for person in people if person.former_family_name]

    assert formers
    assert {p.relationship for p in formers} <= {"世帯主", "妻", "夫", "子の配偶者"}


def test_variant_and_variation_sequence_surnames_are_kept_as_written(tables, people):
    variants = {row[0] for row in tables["surnames"]["variant"]}
    surnames = Counter(person.family_name for person in people)

    assert sum(count for name, count in surnames.items() if name in variants) > 100
    assert any(VARIATION_SELECTORS.search(name) for name in surnames)
    # 神 U+FA19 would become U+795E under NFC; it must reach the register as is.
    assert "\ufa19田" in surnames


def test_foreign_residents_have_a_status_and_japanese_do_not(people):
    foreign = [person for person in people if person.nationality != "日本"]

    assert 0.015 <= len(foreign) / len(people) <= 0.04
    assert all(person.residence_status for person in foreign)
    assert all(
        person.residence_status == ""
        for person in people
        if person.nationality == "日本"
    )
    assert {"ベトナム", "中国", "韓国", "フィリピン", "ブラジル"} <= {
        person.nationality for person in foreign
    }


def test_foreign_residents_became_residents_from_july_2012_on(people):
    for person in people:
        if person.nationality != "日本":
            assert person.became_resident_on >= FOREIGN_RESIDENTS_REGISTERED_FROM


def test_foreign_names_are_in_capitals_or_kanji(people):
    for person in people:
        if person.nationality in {"中国", "韓国", "日本"}:
            continue
        assert re.fullmatch(r"[A-Z]+( [A-Z]+)*", person.family_name), person
        assert re.fullmatch(r"[A-Z]+( [A-Z]+)*", person.given_name), person


def test_incomplete_births_are_only_of_people_born_before_1945():
    people = [p for h in generate(30_000, TOWNS, TODAY, seed=5) for p in h.members]
    incomplete = [person for person in people if None in person.birth]

    assert incomplete
    assert len(incomplete) < len(people) * 0.003
    assert all(person.birth[0] < 1945 for person in incomplete)
    assert any(person.birth[1] is None for person in incomplete)


def test_addresses_are_in_the_towns_given(households):
    for household in households:
        town = household.town
        assert town in TOWNS
        if town.blocks:
            assert 1 <= household.block <= town.blocks
            assert re.fullmatch(r"\d+-\d+", household.lot)
        else:
            assert household.block is None
            assert re.fullmatch(r"\d+番地\d*", household.lot)
    katagaki = [h.katagaki for h in households if h.katagaki]
    assert katagaki
    assert all(re.fullmatch(r"\S+ \d{3}", text) for text in katagaki)


def test_nobody_shares_a_room(households):
    rooms = Counter(
        (h.town.name, h.block, h.lot, h.katagaki) for h in households if h.katagaki
    )

    assert rooms.most_common(1)[0][1] == 1


def test_a_leap_day_is_a_day_like_any_other():
    leap_day = date(2024, 2, 29)
    people = [p for h in generate(3_000, TOWNS, leap_day) for p in h.members]

    assert all(latest_birth(person) <= leap_day for person in people)
    assert all(person.address_since <= leap_day for person in people)


@pytest.mark.parametrize(
    ("residents", "towns", "field"), [(-1, TOWNS, "residents"), (5, [], "towns")]
)
def test_impossible_requests_name_the_argument(residents, towns, field):
    with pytest.raises(ValueError, match=field):
        list(generate(residents, towns, TODAY))
