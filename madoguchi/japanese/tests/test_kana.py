import unicodedata

import jaconv
import pytest
from hypothesis import given
from hypothesis import strategies as st

from madoguchi.japanese.kana import is_kana, kana_search_key, to_katakana

hiragana = st.text(
    alphabet=st.sampled_from(
        [chr(code) for code in range(0x3041, 0x3097)] + ["ー", "ゝ", "ゞ", " "]
    ),
    min_size=1,
)
readings = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x3041, max_codepoint=0x30FF),
        st.characters(min_codepoint=0xFF65, max_codepoint=0xFF9F),
        st.sampled_from(" 　・ー山田AZ1"),
    )
)

SMALL_KANA = set("ァィゥェォッャュョヮヵヶ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("さとう はなこ", "サトウ ハナコ"),
        ("ｻﾄｳ ﾊﾅｺ", "サトウ ハナコ"),
        ("ｶﾞｯｺｳ", "ガッコウ"),
        ("佐藤 はな 1975", "佐藤 ハナ 1975"),
        ("ヴァイオリン", "ヴァイオリン"),
    ],
)
def test_to_katakana_turns_only_kana_into_full_width_katakana(
    text: str, expected: str
) -> None:
    assert to_katakana(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "さとう",
        "サトウ",
        "ｻﾄｳ",
        "サトウ　ハナコ",
        "ジョン・スミス",
        "ルーシー",
        "いすゞ",
    ],
)
def test_a_reading_is_kana(text: str) -> None:
    assert is_kana(text)


@pytest.mark.parametrize("text", ["", " ", "ー", "・", "佐藤", "さとうA", "サトウ1"])
def test_text_without_kana_or_with_other_letters_is_not_kana(text: str) -> None:
    assert not is_kana(text)


@pytest.mark.parametrize(
    "spellings",
    [
        ("サトウ", "サトー", "サトオ", "さとう", "ｻﾄｳ", "ｻﾄｰ"),
        ("ユウコ", "ユーコ", "ゆうこ"),
        ("オオノ", "オーノ", "オウノ"),
        ("タナカ ハナコ", "たなか　はなこ", "タナカ・ハナコ", "ﾀﾅｶﾊﾅｺ"),
        ("イスズ", "いすゞ", "いすず"),
        ("ヨシダ", "ヨシタ", "よしだ"),
        ("キョウコ", "キヨウコ", "きょーこ"),
        ("ヴィクトル", "ウイクトル"),
    ],
)
def test_every_common_spelling_of_a_reading_gives_one_key(
    spellings: tuple[str, ...],
) -> None:
    assert len({kana_search_key(spelling) for spelling in spellings}) == 1


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("ガパヴヂヅ", "カハウチツ"),
        ("ァッャヮヵヶ", "アツヤワカケ"),
        ("ヰヱヲ", "イエオ"),
        ("ゐゑを", "イエオ"),
        ("サトー", "サトオ"),
        ("ーア", "ア"),
    ],
)
def test_each_documented_fold_is_made(text: str, key: str) -> None:
    assert kana_search_key(text) == key


def test_e_row_followed_by_i_is_not_folded() -> None:
    assert kana_search_key("ケイコ") != kana_search_key("ケーコ")


@given(readings)
def test_the_key_of_a_key_is_the_key(text: str) -> None:
    assert kana_search_key(kana_search_key(text)) == kana_search_key(text)


@given(hiragana)
def test_hiragana_katakana_and_half_width_give_one_key(text: str) -> None:
    katakana = jaconv.hira2kata(text)
    half_width = jaconv.z2h(katakana, kana=True)

    assert kana_search_key(katakana) == kana_search_key(text)
    assert kana_search_key(half_width) == kana_search_key(text)


@given(readings)
def test_the_key_has_no_sound_marks_small_kana_or_long_vowel_mark(text: str) -> None:
    key = kana_search_key(text)

    assert not SMALL_KANA & set(key)
    assert not set("ーヽヾ・ﾞﾟ゛゜ 　") & set(key)
    assert not {"\u3099", "\u309a"} & set(unicodedata.normalize("NFD", key))
