"""Searching the register the ways a clerk types a person's name, birth
date, address or 宛名番号."""

import pytest

from madoguchi.japanese.wareki import PartialDate
from madoguchi.register.search import Criteria, search_residents
from madoguchi.register.tests.factories import HouseholdFactory, ResidentFactory

pytestmark = pytest.mark.django_db


def names(criteria: Criteria) -> list[str]:
    return [found.resident.name for found in search_residents(criteria).found]


@pytest.fixture
def takahashi() -> None:
    ResidentFactory(
        family_name="髙橋", given_name="一郎", family_name_kana="タカハシ",
        given_name_kana="イチロウ", sex="M",
    )  # fmt: skip
    ResidentFactory(
        family_name="高橋", given_name="花子", family_name_kana="タカハシ",
        given_name_kana="ハナコ",
    )  # fmt: skip
    ResidentFactory(
        family_name="高田", given_name="花子", family_name_kana="タカダ",
        given_name_kana="ハナコ",
    )  # fmt: skip


@pytest.mark.parametrize("typed", ["たかはし", "タカハシ", "ﾀｶﾊｼ", "高橋", "髙橋"])
def test_a_surname_in_kana_or_either_kanji_finds_both_takahashi(
    takahashi: None, typed: str
) -> None:
    assert sorted(names(Criteria(name=typed))) == ["高橋 花子", "髙橋 一郎"]


def test_a_given_name_alone_finds_everyone_with_it(takahashi: None) -> None:
    assert sorted(names(Criteria(name="はなこ"))) == ["高橋 花子", "高田 花子"]


def test_family_and_given_name_narrow_to_one_person(takahashi: None) -> None:
    assert names(Criteria(name="たかはし はなこ")) == ["高橋 花子"]
    assert names(Criteria(name="高橋　花")) == ["高橋 花子"]
    assert names(Criteria(name="たかはしはなこ")) == ["高橋 花子"]
    assert names(Criteria(name="たかはし はなえ")) == []


def test_a_prefix_of_the_name_is_enough(takahashi: None) -> None:
    assert sorted(names(Criteria(name="たか"))) == [
        "高橋 花子",
        "高田 花子",
        "髙橋 一郎",
    ]


def test_kana_variants_fold_dakuten_small_kana_and_long_vowels() -> None:
    ResidentFactory(family_name="山﨑", family_name_kana="ヤマザキ", given_name="翔",
                    given_name_kana="ショウ")  # fmt: skip
    ResidentFactory(
        family_name="佐藤", family_name_kana="サトウ", given_name="", given_name_kana=""
    )

    assert names(Criteria(name="やまさき")) == ["山﨑 翔"]
    assert names(Criteria(name="山崎")) == ["山﨑 翔"]
    assert names(Criteria(name="やまざき しょー")) == ["山﨑 翔"]
    assert names(Criteria(name="さとー")) == ["佐藤"]
    assert names(Criteria(name="サトオ")) == ["佐藤"]


def test_other_variant_kanji_of_the_register_fold_both_ways() -> None:
    ResidentFactory(family_name="渡邊", family_name_kana="ワタナベ")
    ResidentFactory(family_name="濵田", family_name_kana="ハマダ")
    ResidentFactory(family_name="𠮷田", family_name_kana="ヨシダ")
    ResidentFactory(family_name="齋藤", family_name_kana="サイトウ")

    assert names(Criteria(name="渡辺")) == ["渡邊 花子"]
    assert names(Criteria(name="渡邉")) == ["渡邊 花子"]
    assert names(Criteria(name="浜田")) == ["濵田 花子"]
    assert names(Criteria(name="吉田")) == ["𠮷田 花子"]
    assert names(Criteria(name="斉藤")) == ["齋藤 花子"]


def test_names_are_stored_and_shown_exactly_as_registered() -> None:
    with_selector = "葛\U000e0100城"
    compatibility_kami = "\ufa19田"
    ResidentFactory(family_name=with_selector, family_name_kana="カツラギ")
    ResidentFactory(family_name=compatibility_kami, family_name_kana="カミタ")

    assert names(Criteria(name="葛城")) == [f"{with_selector} 花子"]
    assert names(Criteria(name="神田")) == [f"{compatibility_kami} 花子"]


def test_foreign_names_match_without_regard_to_case() -> None:
    ResidentFactory(foreign=True)

    assert names(Criteria(name="nguyen")) == ["NGUYEN VAN AN"]
    assert names(Criteria(name="ぐえん")) == ["NGUYEN VAN AN"]


def test_birth_date_finds_the_day_the_month_or_the_year() -> None:
    ResidentFactory(given_name="一", birth_date=PartialDate(1975, 4, 1))
    ResidentFactory(given_name="二", birth_date=PartialDate(1975, 4, 30))
    ResidentFactory(given_name="三", birth_date=PartialDate(1975, 5, 1))
    ResidentFactory(given_name="四", birth_date=PartialDate(1935))

    assert names(Criteria(birth_date=PartialDate(1975, 4, 1))) == ["山田 一"]
    assert sorted(names(Criteria(birth_date=PartialDate(1975, 4)))) == [
        "山田 一",
        "山田 二",
    ]
    assert len(names(Criteria(birth_date=PartialDate(1975)))) == 3
    assert names(Criteria(birth_date=PartialDate(1935))) == ["山田 四"]


def test_address_finds_the_household_however_the_numbers_are_written(
    demo_pack: None,
) -> None:
    home = HouseholdFactory(address="北海道みほん市中央町1丁目2番3号")
    ResidentFactory(household=home, given_name="太郎")
    ResidentFactory(
        household=HouseholdFactory(address="北海道みほん市中央町2丁目2番3号")
    )

    for typed in (
        "中央町1-2",
        "中央町１丁目２番",
        "北海道みほん市中央町1丁目2",
        "みほん市中央町一丁目",
    ):
        assert names(Criteria(address=typed)) == ["山田 太郎"], typed


def test_criteria_combine_and_atena_number_is_exact(takahashi: None) -> None:
    person = ResidentFactory(family_name="高橋", family_name_kana="タカハシ",
                             birth_date=PartialDate(1990, 1, 2), given_name="三郎")  # fmt: skip

    assert names(Criteria(name="たかはし", birth_date=PartialDate(1990, 1, 2))) == [
        "高橋 三郎"
    ]
    assert names(Criteria(atena_number=person.atena_number)) == ["高橋 三郎"]
    assert names(Criteria(atena_number=person.atena_number[:-1])) == []


def test_results_carry_the_household_head_and_say_when_there_are_more() -> None:
    home = HouseholdFactory()
    head = ResidentFactory(household=home, given_name="父", relationship="世帯主")
    child = ResidentFactory(household=home, given_name="子", relationship="子")

    result = search_residents(Criteria(name="やまだ"), limit=1)

    assert result.more is True
    assert len(result.found) == 1
    found = {
        f.resident.pk: f.head for f in search_residents(Criteria(name="やまだ")).found
    }
    assert found[child.pk] is not None and found[child.pk].pk == head.pk
    assert found[head.pk] is not None and found[head.pk].name == "山田 父"


def test_search_needs_at_least_one_criterion() -> None:
    with pytest.raises(ValueError):
        search_residents(Criteria())
