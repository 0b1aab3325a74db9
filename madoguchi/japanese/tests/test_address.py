import pytest
from hypothesis import given
from hypothesis import strategies as st

from madoguchi.japanese.address import (
    PostalAddress,
    address_search_key,
    lookup_postal_code,
    normalise_postal_code,
)
from madoguchi.japanese.errors import JapaneseInputError

addresses = st.text(
    alphabet=st.sampled_from(
        "北四条東一二三十百千〇0123456789０１２丁目番地号のノ之ケヶが"
        "-ー－‐−‑ 　霞関髙高ﾊﾞアイ"
    )
)


@pytest.mark.parametrize(
    "typed",
    [
        "0900024",
        "090-0024",
        "０９０－００２４",
        "〒090-0024",
        "〒０９０ー００２４",
        "090‐0024",
        "090−0024",
        " 090 0024 ",
    ],
)
def test_a_postal_code_is_read_however_it_is_typed(typed: str) -> None:
    assert normalise_postal_code(typed) == "090-0024"


@pytest.mark.parametrize(
    ("typed", "rule"),
    [
        ("", "入力されていません"),
        ("090-00245", "7桁の数字で入力してください（例: 090-0024）"),
        ("09000", "7桁の数字で入力してください（例: 090-0024）"),
        ("0900-024", "7桁の数字で入力してください（例: 090-0024）"),
        ("北見市", "7桁の数字で入力してください（例: 090-0024）"),
    ],
)
def test_a_postal_code_that_is_not_seven_digits_is_refused(
    typed: str, rule: str
) -> None:
    with pytest.raises(JapaneseInputError) as refused:
        normalise_postal_code(typed, field="送付先郵便番号")

    assert refused.value.field == "送付先郵便番号"
    assert refused.value.rule == rule


def test_a_postal_code_names_its_address() -> None:
    assert lookup_postal_code("〒090-0024") == PostalAddress(
        postal_code="090-0024",
        prefecture="北海道",
        city="北見市",
        town="北四条東",
        town_kana="キタ４ジョウヒガシ",
    )


def test_a_note_of_japan_post_is_not_part_of_the_town() -> None:
    address = lookup_postal_code("1000005")

    assert address is not None
    assert address.town == "丸の内"


@pytest.mark.parametrize(
    "postal_code",
    [
        "060-0000",  # 以下に掲載がない場合: the whole of 札幌市中央区
        "068-0546",  # 南部青葉町 and 南部菊水町 share it
    ],
)
def test_a_code_naming_no_single_town_gives_no_town(postal_code: str) -> None:
    address = lookup_postal_code(postal_code)

    assert address is not None
    assert address.city
    assert (address.town, address.town_kana) == ("", "")


def test_a_postal_code_nobody_uses_names_nothing() -> None:
    assert lookup_postal_code("999-9999") is None


def test_a_mistyped_postal_code_is_refused_before_lookup() -> None:
    with pytest.raises(JapaneseInputError):
        lookup_postal_code("090-002")


@pytest.mark.parametrize(
    "spellings",
    [
        (
            "北四条東1丁目2番地3",
            "北4条東１－２－３",
            "北4条東1-2-3",
            "北４条東１丁目２番３号",
            "北 4条東 1ー2ー3",
            "北四条東一丁目二番地の三",
            "北4条東1-2-3-",
        ),
        ("霞が関3丁目", "霞ヶ関3", "霞ケ関三丁目"),
        ("一の瀬", "一ノ瀬", "一之瀬", "1ノ瀬"),
        ("髙田馬場", "高田馬場"),
        ("二十三番地", "23"),
        ("二〇二四", "2024"),
    ],
)
def test_every_way_a_clerk_types_an_address_gives_one_key(
    spellings: tuple[str, ...],
) -> None:
    assert len({address_search_key(spelling) for spelling in spellings}) == 1


def test_the_key_writes_numbers_with_hyphens() -> None:
    assert address_search_key("北見市北四条東1丁目2番地3") == "北見市北4条東1-2-3"


@pytest.mark.parametrize(
    ("address", "other"),
    [
        ("北4条東1-2-3", "北4条東1-2-4"),
        ("北4条東12-3", "北4条東1-23"),
        ("北四条東", "北五条東"),
    ],
)
def test_different_addresses_keep_different_keys(address: str, other: str) -> None:
    assert address_search_key(address) != address_search_key(other)


@given(addresses)
def test_the_key_of_a_key_is_the_key(address: str) -> None:
    assert address_search_key(address_search_key(address)) == address_search_key(
        address
    )
