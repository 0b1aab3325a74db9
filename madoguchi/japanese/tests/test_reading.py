import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from madoguchi.japanese.kana import is_kana
from madoguchi.japanese.reading import suggest_reading


@pytest.mark.parametrize(
    ("name", "reading"),
    [
        ("試験", "シケン"),
        ("太郎", "タロウ"),
        ("さくら", "サクラ"),
        ("見本 花子", "ミホンハナコ"),
    ],
)
def test_a_name_the_dictionary_knows_is_read_in_katakana(
    name: str, reading: str
) -> None:
    assert suggest_reading(name) == reading


def test_a_variant_the_dictionary_lacks_is_read_as_its_standard_form() -> None:
    assert suggest_reading("髙橋") == suggest_reading("高橋") == "タカハシ"


@pytest.mark.parametrize("name", ["", "  ", "Smith", "ａｂｃ", "髙Smith"])
def test_no_suggestion_where_any_part_has_no_reading(name: str) -> None:
    assert suggest_reading(name) == ""


@settings(max_examples=200)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=8))
def test_a_suggestion_is_katakana_or_nothing(name: str) -> None:
    reading = suggest_reading(name)

    assert reading == "" or is_kana(reading)
