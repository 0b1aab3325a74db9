"""Deadlines as the law counts them, moved off the days city hall is closed."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from madoguchi.navigator.deadlines import (
    ClosedDays,
    DeadlineRule,
    DeadlineRuleError,
    parse_deadline,
)

OPEN_EVERY_WEEKDAY = ClosedDays()


@pytest.mark.parametrize(
    ("spec", "start", "due"),
    [
        # 住基法: a move on 4月1日 is reported by 4月15日.
        ({"rule": "jumin", "days": 14}, date(2026, 4, 1), date(2026, 4, 15)),
        # 戸籍法: the day of birth counts, so 4月14日.
        ({"rule": "koseki", "days": 14}, date(2026, 4, 1), date(2026, 4, 14)),
        ({"rule": "days", "days": 30}, date(2026, 4, 1), date(2026, 5, 1)),
        ({"rule": "months", "months": 3}, date(2026, 1, 15), date(2026, 4, 15)),
        # A month without the same day ends on its last day.
        ({"rule": "months", "months": 3}, date(2025, 11, 30), date(2026, 3, 2)),
        ({"rule": "months", "months": 1}, date(2026, 1, 31), date(2026, 3, 2)),
        ({"rule": "years", "years": 2}, date(2024, 2, 29), date(2026, 3, 2)),
    ],
)
def test_the_period_is_counted_as_the_law_counts(
    spec: dict[str, object], start: date, due: date
) -> None:
    rule = parse_deadline(spec)

    assert rule is not None
    assert rule.due(start, OPEN_EVERY_WEEKDAY) == due


def test_month_ends_before_closed_days_are_skipped() -> None:
    rule = DeadlineRule("months", 3)

    assert rule.plain_due(date(2025, 11, 30)) == date(2026, 2, 28)  # a Saturday
    assert rule.plain_due(date(2026, 1, 31)) == date(2026, 4, 30)


def test_a_deadline_on_a_closed_day_moves_to_the_next_open_day() -> None:
    rule = DeadlineRule("jumin", 14)

    # 2026-04-18 is a Saturday.
    assert rule.due(date(2026, 4, 4), OPEN_EVERY_WEEKDAY) == date(2026, 4, 20)
    # 5月3日 (Sunday) to 5月6日 (振替休日) are all closed.
    assert rule.due(date(2026, 4, 19), OPEN_EVERY_WEEKDAY) == date(2026, 5, 7)
    # 年末年始: 12月29日 to 1月3日; 2027-01-04 is a Monday.
    assert rule.due(date(2026, 12, 16), OPEN_EVERY_WEEKDAY) == date(2027, 1, 4)
    # The pack's own closure.
    closed = ClosedDays(frozenset({date(2026, 4, 15)}))
    assert rule.due(date(2026, 4, 1), closed) == date(2026, 4, 16)


@pytest.mark.parametrize(
    ("spec", "key", "reason"),
    [
        ({"days": 14}, "rule", "'rule' がありません"),
        ({"rule": "weeks", "days": 14}, "rule", "期限の数え方 'weeks' はありません"),
        ({"rule": "jumin"}, "days", "rule: jumin には days: に1以上の整数が必要です"),
        ({"rule": "jumin", "days": 0}, "days", "1以上の整数"),
        ({"rule": "jumin", "days": "14"}, "days", "1以上の整数"),
        ({"rule": "months", "days": 3}, "days", "deadline のキー 'days' は使えません"),
        ({"rule": "none", "days": 3}, "days", "deadline のキー 'days' は使えません"),
        (
            {"rule": "jumin", "days": 14, "from": "birth"},
            "from",
            "from は event_date か visit_date",
        ),
    ],
)
def test_a_wrong_rule_names_its_key(
    spec: dict[str, object], key: str, reason: str
) -> None:
    with pytest.raises(DeadlineRuleError) as error:
        parse_deadline(spec)

    assert error.value.key == key
    assert reason in error.value.reason


def test_no_deadline_and_a_deadline_from_the_visit() -> None:
    assert parse_deadline({"rule": "none"}) is None
    rule = parse_deadline({"rule": "days", "days": 7, "from": "visit_date"})
    assert rule == DeadlineRule("days", 7, "visit_date")
    assert rule.describe() == "来庁日から7日以内"


rules = st.one_of(
    st.builds(DeadlineRule, st.sampled_from(["jumin", "koseki", "days"]),
              st.integers(1, 400), st.sampled_from(["event_date", "visit_date"])),
    st.builds(DeadlineRule, st.just("months"), st.integers(1, 36)),
    st.builds(DeadlineRule, st.just("years"), st.integers(1, 5)),
)  # fmt: skip
closures = st.frozensets(st.dates(date(2020, 1, 1), date(2035, 12, 31)), max_size=40)


@given(rules, st.dates(date(2020, 1, 1), date(2030, 12, 31)), closures)
def test_a_deadline_is_never_a_closed_day_nor_before_the_plain_count(
    rule: DeadlineRule, start: date, closed: frozenset[date]
) -> None:
    calendar = ClosedDays(closed)

    due = rule.due(start, calendar)

    assert not calendar.is_closed(due)
    assert due >= rule.plain_due(start) >= start
    # Every day skipped was closed.
    skipped = (due - rule.plain_due(start)).days
    assert all(
        calendar.is_closed(date.fromordinal(rule.plain_due(start).toordinal() + n))
        for n in range(skipped)
    )
