from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from madoguchi.japanese.errors import JapaneseInputError
from madoguchi.japanese.wareki import (
    ERAS,
    PartialDate,
    era_of,
    parse_date,
    to_wareki,
    wareki_day,
)

SHOWA_50_4_1 = PartialDate(1975, 4, 1)

days = st.dates(min_value=date(1873, 1, 1), max_value=date(2100, 12, 31))


@st.composite
def register_dates(draw: st.DrawFn) -> PartialDate:
    """Draw a date as the register may hold it: in full, or part unknown."""
    day = draw(days)
    era = era_of(day).initial
    known = draw(st.sampled_from(["year", "month", "day"]))
    if known == "year":
        return PartialDate(day.year, era=era)
    if known == "month":
        return PartialDate(day.year, day.month, era=era)
    return PartialDate.from_date(day)


@pytest.mark.parametrize(
    "typed",
    [
        "S50.4.1",
        "s50/4/1",
        "S50-04-01",
        "Ｓ５０．４．１",
        "昭和50年4月1日",
        "昭和５０年４月１日",
        "  昭和50年 4月 1日　",
        "1975-04-01",
        "1975/4/1",
        "19750401",
        "1975年4月1日",
        "１９７５－０４－０１",
    ],
)
def test_every_common_way_of_typing_a_day_reads_the_same(typed: str) -> None:
    assert parse_date(typed) == SHOWA_50_4_1


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("昭和元年12月25日", date(1926, 12, 25)),
        ("T1.7.30", date(1912, 7, 30)),
        ("M45.7.29", date(1912, 7, 29)),
        ("S64.1.7", date(1989, 1, 7)),
        ("H1.1.8", date(1989, 1, 8)),
        ("H31.4.30", date(2019, 4, 30)),
        ("R1.5.1", date(2019, 5, 1)),
        ("令和1年5月1日", date(2019, 5, 1)),
        ("M6.1.1", date(1873, 1, 1)),
    ],
)
def test_the_first_and_last_days_of_each_era_are_read(
    typed: str, expected: date
) -> None:
    assert parse_date(typed).as_date() == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("昭和10年 月日不詳", PartialDate(1935)),
        ("昭和10年月日不詳", PartialDate(1935)),
        ("昭和10年", PartialDate(1935)),
        ("1935", PartialDate(1935)),
        ("S10", PartialDate(1935)),
        ("1935年 月日不詳", PartialDate(1935)),
        ("昭和10年3月", PartialDate(1935, 3)),
        ("昭和10年3月 日不詳", PartialDate(1935, 3)),
        ("S10.3", PartialDate(1935, 3)),
        ("昭和64年", PartialDate(1989, era="S")),
        ("平成元年", PartialDate(1989, era="H")),
        ("平成元年 月日不詳", PartialDate(1989, era="H")),
        ("昭和64年1月", PartialDate(1989, 1, era="S")),
        ("1989", PartialDate(1989)),
    ],
)
def test_a_date_with_unknown_parts_is_read_as_partial(
    typed: str, expected: PartialDate
) -> None:
    assert parse_date(typed) == expected


def test_the_era_is_kept_only_where_the_year_cannot_tell_it() -> None:
    assert parse_date("昭和64年") != parse_date("平成元年")
    assert parse_date("昭和64年").to_storage() == "1989-00-00@S"
    assert parse_date("平成元年").to_storage() == "1989-00-00@H"
    assert parse_date("昭和10年").to_storage() == "1935-00-00"
    assert PartialDate(1935, era="S") == PartialDate(1935)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("S50.2.30", "生年月日: 昭和50年2月30日という日はありません"),
        ("2023-02-29", "生年月日: 2023年2月29日という日はありません"),
        ("S50.13.1", "生年月日: 昭和50年13月という月はありません"),
        ("S0.4.1", "生年月日: 昭和0年という年はありません"),
        (
            "S64.1.8",
            "生年月日: 昭和は昭和64年1月7日までです"
            "（昭和64年1月8日は平成元年1月8日です）",
        ),
        (
            "H31.5.1",
            "生年月日: 平成は平成31年4月30日までです"
            "（平成31年5月1日は令和元年5月1日です）",
        ),
        (
            "H1.1.7",
            "生年月日: 平成は平成元年1月8日からです"
            "（平成元年1月7日は昭和64年1月7日です）",
        ),
        ("S65.1.1", "生年月日: 昭和は昭和64年1月7日までです"),
        ("S65", "生年月日: 昭和は昭和64年1月7日までです"),
        ("平成31年5月", "生年月日: 平成は平成31年4月30日までです"),
        ("M5.12.2", "生年月日: 1873年（明治6年）1月1日より前の日付"),
        ("1872", "生年月日: 1873年（明治6年）1月1日より前の日付"),
        ("50.4.1", "生年月日: 年を西暦4桁で書かないときは元号を付けてください"),
        ("500401", "生年月日: 年を西暦4桁で書かないときは元号を付けてください"),
        ("昭和五十年", "生年月日: 日付として読めません"),
        ("X50.4.1", "生年月日: 日付として読めません"),
        ("", "生年月日: 入力されていません"),
        ("　", "生年月日: 入力されていません"),
        (
            "昭和10年3月 月日不詳",
            "生年月日: 「月日不詳」は年だけのときに付けてください",
        ),
        ("昭和10年 日不詳", "生年月日: 「日不詳」は年と月だけのときに付けてください"),
    ],
)
def test_a_date_that_cannot_be_is_refused_with_the_rule(
    typed: str, message: str
) -> None:
    with pytest.raises(JapaneseInputError) as refused:
        parse_date(typed)

    assert refused.value.message.startswith(message)


def test_the_refusal_names_the_field_it_was_typed_in() -> None:
    with pytest.raises(JapaneseInputError) as refused:
        parse_date("S50.2.30", field="届出日")

    assert refused.value.field == "届出日"
    assert refused.value.rule == "昭和50年2月30日という日はありません"
    assert str(refused.value) == "届出日: 昭和50年2月30日という日はありません"


@pytest.mark.parametrize(
    ("partial", "gannen", "expected"),
    [
        (SHOWA_50_4_1, True, "昭和50年4月1日"),
        (PartialDate(2019, 5, 1), True, "令和元年5月1日"),
        (PartialDate(2019, 5, 1), False, "令和1年5月1日"),
        (PartialDate(1935), True, "昭和10年 月日不詳"),
        (PartialDate(1935, 3), True, "昭和10年3月 日不詳"),
        (PartialDate(1989, era="S"), True, "昭和64年 月日不詳"),
        (PartialDate(1989, era="H"), True, "平成元年 月日不詳"),
        (PartialDate(1989, era="H"), False, "平成1年 月日不詳"),
        (PartialDate(1989), True, "平成元年 月日不詳"),
        (PartialDate(1912, 7, era="M"), True, "明治45年7月 日不詳"),
    ],
)
def test_a_date_is_written_in_wareki(
    partial: PartialDate, gannen: bool, expected: str
) -> None:
    assert partial.wareki(gannen=gannen) == expected


def test_a_date_is_written_in_seireki() -> None:
    assert SHOWA_50_4_1.seireki() == "1975年4月1日"
    assert PartialDate(1935).seireki() == "1935年 月日不詳"
    assert PartialDate(1935, 3).seireki() == "1935年3月 日不詳"


def test_each_era_begins_on_its_first_day() -> None:
    for before, era in zip(ERAS, ERAS[1:], strict=False):
        assert era_of(era.start) == era
        assert era_of(era.start - timedelta(days=1)) == before
    assert to_wareki(date(1989, 1, 7)) == "昭和64年1月7日"
    assert to_wareki(date(1989, 1, 8)) == "平成元年1月8日"
    assert to_wareki(date(2019, 5, 1), gannen=False) == "令和1年5月1日"


def test_a_day_before_the_solar_calendar_is_refused() -> None:
    with pytest.raises(ValueError, match="1873"):
        to_wareki(date(1872, 12, 31))


def test_a_stored_date_reads_back() -> None:
    assert PartialDate(1935).to_storage() == "1935-00-00"
    assert PartialDate(1935, 3).to_storage() == "1935-03-00"
    assert SHOWA_50_4_1.to_storage() == "1975-04-01"
    assert PartialDate.from_storage("1975-04-01") == SHOWA_50_4_1
    assert PartialDate.from_storage("1989-01-00@S") == PartialDate(1989, 1, era="S")


@pytest.mark.parametrize("stored", ["1975-4-1", "1975-00-01", "1975-02-30", "x"])
def test_a_stored_string_that_is_no_date_is_refused(stored: str) -> None:
    with pytest.raises(ValueError):
        PartialDate.from_storage(stored)


def test_an_era_the_date_is_not_in_is_refused() -> None:
    with pytest.raises(ValueError):
        PartialDate(1975, era="H")
    with pytest.raises(ValueError):
        PartialDate(1989, 2, era="S")


def test_only_a_date_with_month_and_day_is_complete() -> None:
    assert SHOWA_50_4_1.is_complete
    assert SHOWA_50_4_1.as_date() == date(1975, 4, 1)
    assert not PartialDate(1935, 3).is_complete
    assert PartialDate(1935, 3).as_date() is None


@pytest.mark.parametrize(
    ("born", "on", "age"),
    [
        (SHOWA_50_4_1, date(2025, 3, 31), 49),
        (SHOWA_50_4_1, date(2025, 4, 1), 50),
        (PartialDate(2000, 2, 29), date(2001, 2, 28), 0),
        (PartialDate(2000, 2, 29), date(2001, 3, 1), 1),
        (PartialDate(2000, 2, 29), date(2004, 2, 29), 4),
    ],
)
def test_age_goes_up_on_the_birthday(born: PartialDate, on: date, age: int) -> None:
    assert born.age_on(on) == age
    assert born.age_is_exact(on)


@pytest.mark.parametrize(
    ("born", "on", "least", "exact"),
    [
        (PartialDate(1935), date(2025, 6, 1), 89, False),
        (PartialDate(1935), date(2025, 12, 31), 90, True),
        (PartialDate(1935, 3), date(2025, 3, 15), 89, False),
        (PartialDate(1935, 3), date(2025, 4, 1), 90, True),
        (PartialDate(1989), date(2025, 1, 7), 35, False),
        # 昭和64年 ends on 1月7日, so the age is known on that day.
        (PartialDate(1989, era="S"), date(2025, 1, 7), 36, True),
        (PartialDate(2024), date(2024, 6, 1), 0, True),
    ],
)
def test_a_partial_birth_date_gives_the_least_possible_age(
    born: PartialDate, on: date, least: int, exact: bool
) -> None:
    assert born.age_on(on) == least
    assert born.age_is_exact(on) is exact


def test_an_age_before_birth_is_refused() -> None:
    with pytest.raises(ValueError):
        SHOWA_50_4_1.age_on(date(1975, 3, 31))


def test_unknown_parts_sort_before_the_known_days_of_their_year() -> None:
    dates = [PartialDate(1936), PartialDate(1935, 3, 1), PartialDate(1935, 3)]
    dates.append(PartialDate(1935))

    assert sorted(dates) == [
        PartialDate(1935),
        PartialDate(1935, 3),
        PartialDate(1935, 3, 1),
        PartialDate(1936),
    ]


@given(days, st.booleans())
def test_a_day_written_in_wareki_reads_back(day: date, gannen: bool) -> None:
    assert parse_date(to_wareki(day, gannen)) == PartialDate.from_date(day)


@given(register_dates(), st.booleans())
def test_a_register_date_written_in_wareki_reads_back(
    partial: PartialDate, gannen: bool
) -> None:
    assert parse_date(partial.wareki(gannen)) == partial


@given(register_dates())
def test_a_register_date_written_in_seireki_reads_back_without_its_era(
    partial: PartialDate,
) -> None:
    assert parse_date(partial.seireki()) == PartialDate(
        partial.year, partial.month, partial.day
    )


@given(register_dates())
def test_storage_round_trips(partial: PartialDate) -> None:
    assert PartialDate.from_storage(partial.to_storage()) == partial


@given(days, days)
def test_stored_days_sort_like_the_days(first: date, second: date) -> None:
    stored_first = PartialDate.from_date(first).to_storage()
    stored_second = PartialDate.from_date(second).to_storage()

    assert (stored_first < stored_second) == (first < second)


@given(register_dates(), register_dates())
def test_dates_of_different_years_sort_by_year(
    first: PartialDate, second: PartialDate
) -> None:
    if first.year != second.year:
        assert (first < second) == (first.year < second.year)


def test_a_day_is_written_with_its_weekday() -> None:
    assert wareki_day(date(2026, 4, 15)) == "令和8年4月15日(水)"
    assert wareki_day(date(2019, 5, 1)) == "令和元年5月1日(水)"
