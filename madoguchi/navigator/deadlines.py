"""Count a procedure's deadline as the law counts it, then skip closed days.

住民基本台帳法 counts from the day after the event (a move on 4月1日 must be
reported by 4月15日); 戸籍法 counts the day of the event itself (a birth on
4月1日 by 4月14日). Months and years end on the same day of the month
(民法 143条), or on the month's last day when it has no such day. A
deadline that falls on a day city hall is closed moves to the next open day:
Saturdays, Sundays, national holidays, 年末年始 (12月29日〜1月3日) and the
pack's own closures (``calendar.yaml``).
"""

from __future__ import annotations

import calendar
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

import jpholiday

Rule = Literal["jumin", "koseki", "days", "months", "years"]
Start = Literal["event_date", "visit_date"]

RULES: tuple[str, ...] = ("jumin", "koseki", "days", "months", "years", "none")
STARTS: tuple[str, ...] = ("event_date", "visit_date")
_AMOUNT_KEY: dict[str, str] = {
    "jumin": "days",
    "koseki": "days",
    "days": "days",
    "months": "months",
    "years": "years",
}
_START_LABELS = {"event_date": "出来事の日", "visit_date": "来庁日"}


class DeadlineRuleError(ValueError):
    """A deadline written wrongly in a pack; the key at fault and why."""

    def __init__(self, key: str, reason: str) -> None:
        self.key = key
        self.reason = reason
        super().__init__(reason)


@functools.lru_cache(maxsize=8192)
def _is_holiday(day: date) -> bool:
    return bool(jpholiday.is_holiday(day))


@dataclass(frozen=True)
class ClosedDays:
    """The days city hall is closed: weekends, holidays, 年末年始, closures."""

    closures: frozenset[date] = frozenset()

    def is_closed(self, day: date) -> bool:
        """Tell whether city hall is closed on ``day``."""
        if day.weekday() >= 5 or day in self.closures:
            return True
        if (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3):
            return True
        return _is_holiday(day)

    def next_open(self, day: date) -> date:
        """Return ``day`` if city hall is open then, else the next open day."""
        while self.is_closed(day):
            day += timedelta(days=1)
        return day


@dataclass(frozen=True)
class DeadlineRule:
    """How one procedure's deadline is counted."""

    rule: Rule
    amount: int
    start: Start = "event_date"

    def plain_due(self, start: date) -> date:
        """Return the last day of the period, before closed days are skipped."""
        if self.rule == "koseki":
            return start + timedelta(days=self.amount - 1)
        if self.rule in ("jumin", "days"):
            return start + timedelta(days=self.amount)
        months = self.amount if self.rule == "months" else 12 * self.amount
        return _add_months(start, months)

    def due(self, start: date, closed: ClosedDays) -> date:
        """Return the deadline: the period's last day, or the next open day."""
        return closed.next_open(self.plain_due(start))

    def describe(self) -> str:
        """Return the rule in words for the resident, such as 14日以内."""
        start = _START_LABELS[self.start]
        if self.rule == "jumin":
            return f"{start}の翌日から数えて{self.amount}日以内"
        if self.rule == "koseki":
            return f"{start}を含めて{self.amount}日以内"
        if self.rule == "days":
            return f"{start}から{self.amount}日以内"
        if self.rule == "months":
            return f"{start}から{self.amount}か月以内"
        return f"{start}から{self.amount}年以内"


def parse_deadline(spec: Mapping[str, Any]) -> DeadlineRule | None:
    """Read a pack's ``deadline`` mapping; None for ``{rule: none}``."""
    rule = spec.get("rule")
    if rule is None:
        raise DeadlineRuleError("rule", "deadline に 'rule' がありません")
    if rule not in RULES:
        raise DeadlineRuleError(
            "rule",
            f"期限の数え方 '{rule}' はありません(使えるのは {', '.join(RULES)})",
        )
    start = spec.get("from", "event_date")
    if start not in STARTS:
        raise DeadlineRuleError(
            "from",
            f"deadline の from は {' か '.join(STARTS)} です('{start}' になっています)",
        )
    amount_key = _AMOUNT_KEY.get(rule)
    allowed = {"rule", "from", *([amount_key] if amount_key else [])}
    for key in spec:
        if key not in allowed:
            usage = f"rule: {rule}" + (f" には {amount_key}" if amount_key else "")
            raise DeadlineRuleError(
                str(key), f"deadline のキー '{key}' は使えません({usage} を書きます)"
            )
    if amount_key is None:
        return None

    amount = spec.get(amount_key)
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 1:
        raise DeadlineRuleError(
            amount_key,
            f"rule: {rule} には {amount_key}: に1以上の整数が必要です",
        )
    return DeadlineRule(rule, amount, start)


def closed_days(days: Iterable[date]) -> ClosedDays:
    """Return the closed days of a pack with its own closures."""
    return ClosedDays(frozenset(days))


def _add_months(day: date, months: int) -> date:
    """Return the same day ``months`` later, or that month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))
