import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from madoguchi.japanese.itaiji import kanji_search_key, name_search_key

DATA = Path(__file__).parent.parent / "data"
TABLE = json.loads((DATA / "itaiji_dic.json").read_text(encoding="utf-8"))
SUPPLEMENT = json.loads((DATA / "itaiji_supplement.json").read_text(encoding="utf-8"))
PAIRS = {
    variant: standard
    for variant, standard in TABLE.items()
    if SUPPLEMENT["left_out"].get(variant) != standard
} | SUPPLEMENT["pairs"]

names = st.text(
    alphabet=st.one_of(
        st.sampled_from(sorted(set(TABLE) | set(TABLE.values()))),
        st.sampled_from("ぁあがゔアーｶﾞ・ 　\ufa19\ufe00\U000e0100Ａa1"),
    )
)


@pytest.mark.parametrize(
    "spellings",
    [
        ("髙橋", "高橋"),
        ("山﨑", "山崎"),
        ("渡邊", "渡邉", "渡辺"),
        ("濵田", "濱田", "浜田"),
        ("𠮷田", "吉田"),
        ("齋藤", "齊藤", "斎藤", "斉藤"),
        ("\ufa19田", "\u795e田"),
        ("葛\U000e0100西", "葛西"),
        ("辻\U000e0101", "辻"),
        ("黑田", "黒田"),
        ("𡈽屋", "圡屋", "土屋"),
        ("高橋 はな", "髙橋　ハナ", "高橋ﾊﾅ", "高橋・はな"),
        ("ＳＭＩＴＨ Ｊｏｈｎ", "Smith John", "SMITHJOHN"),
    ],
)
def test_every_spelling_of_a_name_gives_one_key(spellings: tuple[str, ...]) -> None:
    assert len({kanji_search_key(spelling) for spelling in spellings}) == 1


@pytest.mark.parametrize(
    ("name", "other"),
    [("佐藤", "左藤"), ("舟橋", "船橋"), ("済藤", "斉藤")],
)
def test_names_the_table_left_out_keep_different_keys(name: str, other: str) -> None:
    assert kanji_search_key(name) != kanji_search_key(other)


@pytest.mark.parametrize(("variant", "standard"), sorted(PAIRS.items()))
def test_every_pair_of_the_tables_folds_to_one_key(variant: str, standard: str) -> None:
    assert kanji_search_key(variant) == kanji_search_key(standard)


def test_a_name_in_kana_is_folded_as_a_reading() -> None:
    assert name_search_key("さとう はなこ") == name_search_key("サトー・ハナコ")
    assert name_search_key("佐藤 はな") == name_search_key("佐藤　ハナ")
    assert name_search_key("佐藤") != name_search_key("さとう")


@given(names)
def test_the_key_of_a_key_is_the_key(name: str) -> None:
    assert kanji_search_key(kanji_search_key(name)) == kanji_search_key(name)


@given(names)
def test_the_key_has_no_variation_selector_or_space(name: str) -> None:
    key = kanji_search_key(name)

    assert not set("\ufe00\U000e0100 　") & set(key)
