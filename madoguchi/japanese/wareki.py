"""和暦 and 西暦 dates, including register dates with an unknown month or day.

The register keeps dates such as 「昭和10年 月日不詳」, so a date here is a
PartialDate: a year, perhaps a month, perhaps a day.

Japan counted days on the lunisolar calendar until 明治5年12月2日; the next
day was 明治6年1月1日, 1873-01-01 in the Gregorian calendar.  Earlier days do
not convert one to one, so 1873-01-01 is the earliest date accepted, whether
typed in 和暦 or in 西暦.
"""

from __future__ import annotations

import calendar
import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from madoguchi.japanese.errors import JapaneseInputError


@dataclass(frozen=True)
class Era:
    """A 元号 with its initial and the days it covers."""

    name: str
    initial: str
    start: date
    end: date | None

    def year_number(self, year: int) -> int:
        """Return this era's own count for a Gregorian year."""
        return year - self.start.year + 1


ERAS: tuple[Era, ...] = (
    # 明治 was proclaimed in October 1868 and counted from 慶応4年1月1日,
    # which was 1868-01-25 in the Gregorian calendar.
    Era("明治", "M", date(1868, 1, 25), date(1912, 7, 29)),
    Era("大正", "T", date(1912, 7, 30), date(1926, 12, 24)),
    Era("昭和", "S", date(1926, 12, 25), date(1989, 1, 7)),
    Era("平成", "H", date(1989, 1, 8), date(2019, 4, 30)),
    Era("令和", "R", date(2019, 5, 1), None),
)

_GREGORIAN_START = date(1873, 1, 1)
_ERA_BY_INITIAL = {era.initial: era for era in ERAS}
_ERA_BY_TYPED = _ERA_BY_INITIAL | {era.name: era for era in ERAS}

_DASHES = str.maketrans(dict.fromkeys("ー‐‑‒–—―−", "-"))

_TYPED_DATE = re.compile(
    r"""
    (?:
        (?P<era>明治|大正|昭和|平成|令和|[MTSHR])(?P<era_year>元|[0-9]{1,3})
      | (?P<year>[0-9]{4})
    )
    (?:
        年
        (?:(?P<kanji_month>[0-9]{1,2})月(?:(?P<kanji_day>[0-9]{1,2})日)?)?
        (?P<unknown>月日不詳|日不詳)?
      | [-/.](?P<month>[0-9]{1,2})(?:[-/.](?P<day>[0-9]{1,2}))?
    )?
    """,
    re.VERBOSE,
)
_COMPACT_DATE = re.compile(r"(?P<year>[0-9]{4})(?P<month>[0-9]{2})(?P<day>[0-9]{2})")
_SHORT_YEAR = re.compile(r"[0-9]{1,3}(?:[年/.-].*)?|[0-9]{6}")
_STORED_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:@([MTSHR]))?")


@functools.total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A register date whose month, or month and day, may be unknown.

    era is an era initial (M, T, S, H, R), kept only where the date cannot
    tell its era: 「昭和64年 月日不詳」 and 「平成元年 月日不詳」 are both
    1989.  An era the date already tells is dropped, so that equal dates are
    equal.  Without an era, such a date is shown in the era in force at the
    end of its year or month.

    Dates order as their to_storage() strings do: a year or month with
    unknown parts sorts before its known days.  Two partial dates that
    differ only in era sort by the era's letter, so 「平成元年 月日不詳」
    (H) sorts before 「昭和64年 月日不詳」 (S).
    """

    year: int
    month: int | None = None
    day: int | None = None
    era: str | None = None

    def __post_init__(self) -> None:
        problem = _problem_with(self.year, self.month, self.day, f"{self.year}年")
        if problem is not None:
            raise ValueError(problem)
        if self.era is None:
            return

        possible = _eras_during(*self._period())
        if self.era not in {era.initial for era in possible}:
            raise ValueError(f"{self.seireki()}は元号 {self.era} の期間にありません")
        if len(possible) == 1:
            object.__setattr__(self, "era", None)

    @classmethod
    def from_date(cls, day: date) -> PartialDate:
        """Return the complete date for a datetime.date."""
        return cls(day.year, day.month, day.day)

    @classmethod
    def from_storage(cls, stored: str) -> PartialDate:
        """Read a string written by to_storage()."""
        match = _STORED_DATE.fullmatch(stored)
        if match is None:
            raise ValueError(f"not a stored date: {stored!r}")
        year, month, day, era = match.groups()
        return cls(int(year), int(month) or None, int(day) or None, era)

    def to_storage(self) -> str:
        """Return "YYYY-MM-DD", 00 for unknown parts, and "@S" if needed."""
        stored = f"{self.year:04d}-{self.month or 0:02d}-{self.day or 0:02d}"
        return stored if self.era is None else f"{stored}@{self.era}"

    @property
    def is_complete(self) -> bool:
        """Tell whether the month and the day are both known."""
        return self.month is not None and self.day is not None

    def as_date(self) -> date | None:
        """Return the datetime.date, or None when a part is unknown."""
        if self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)

    def wareki(self, gannen: bool = True) -> str:
        """Return the date in 和暦, such as 「昭和10年3月 日不詳」."""
        era = self._era()
        number = era.year_number(self.year)
        year = "元" if number == 1 and gannen else str(number)
        return f"{era.name}{year}年{self._month_and_day()}"

    def seireki(self) -> str:
        """Return the date in 西暦, such as 「1975年4月1日」."""
        return f"{self.year}年{self._month_and_day()}"

    def age_on(self, day: date) -> int:
        """Return the age in full years on a day; if partial, the least.

        An age goes up on the birthday; someone born on 2月29日 is a year
        older on 3月1日 in common years.
        """
        first, last = self._bounds()
        if day < first:
            raise ValueError(f"{day} is before {self.to_storage()}")
        return max(0, _full_years(last, day))

    def age_is_exact(self, day: date) -> bool:
        """Tell whether every day the date may be gives one age on a day."""
        first, _ = self._bounds()
        return self.age_on(day) == _full_years(first, day)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.to_storage() < other.to_storage()

    def _month_and_day(self) -> str:
        if self.month is None:
            return " 月日不詳"
        if self.day is None:
            return f"{self.month}月 日不詳"
        return f"{self.month}月{self.day}日"

    def _period(self) -> tuple[date, date]:
        """Return the first and last day the date may be, era aside."""
        if self.month is None:
            return date(self.year, 1, 1), date(self.year, 12, 31)
        if self.day is None:
            last_day = calendar.monthrange(self.year, self.month)[1]
            return date(self.year, self.month, 1), date(self.year, self.month, last_day)
        known = date(self.year, self.month, self.day)
        return known, known

    def _bounds(self) -> tuple[date, date]:
        """Return the first and last day the date may be, within its era."""
        first, last = self._period()
        if self.era is None:
            return first, last
        era = _ERA_BY_INITIAL[self.era]
        return max(first, era.start), min(last, era.end or last)

    def _era(self) -> Era:
        if self.era is not None:
            return _ERA_BY_INITIAL[self.era]
        return era_of(self._period()[1])


def era_of(day: date) -> Era:
    """Return the era in force on a day."""
    for era in reversed(ERAS):
        if day >= era.start:
            return era
    raise ValueError(f"{day} is before 明治")


def to_wareki(day: date, gannen: bool = True) -> str:
    """Return a day in 和暦, such as 「令和元年5月1日」."""
    return PartialDate.from_date(day).wareki(gannen)


_WEEKDAYS = "月火水木金土日"


def wareki_day(day: date) -> str:
    """Return a day in 和暦 with its weekday: 令和8年4月15日(水)."""
    return f"{to_wareki(day)}({_WEEKDAYS[day.weekday()]})"


def parse_date(text: str, field: str = "生年月日") -> PartialDate:
    """Read a date typed in 和暦 or 西暦, in full or with 月日不詳."""
    typed = _tidy(text)
    if not typed:
        raise JapaneseInputError(field, "入力されていません")

    match = _TYPED_DATE.fullmatch(typed) or _COMPACT_DATE.fullmatch(typed)
    if match is None:
        if _SHORT_YEAR.fullmatch(typed):
            raise JapaneseInputError(
                field,
                "年を西暦4桁で書かないときは元号を付けてください"
                "（例: S50.4.1、昭和50年4月1日）",
            )
        raise JapaneseInputError(
            field,
            "日付として読めません（例: S50.4.1、昭和50年4月1日、1975-04-01）",
        )

    parts = match.groupdict()
    month = _number(parts.get("month") or parts.get("kanji_month"))
    day = _number(parts.get("day") or parts.get("kanji_day"))
    unknown = parts.get("unknown")
    if unknown == "月日不詳" and month is not None:
        raise JapaneseInputError(field, "「月日不詳」は年だけのときに付けてください")
    if unknown == "日不詳" and (month is None or day is not None):
        raise JapaneseInputError(field, "「日不詳」は年と月だけのときに付けてください")

    if parts.get("era"):
        era = _ERA_BY_TYPED[parts["era"]]
        era_year = 1 if parts["era_year"] == "元" else int(parts["era_year"])
        return _from_era(field, era, era_year, month, day)
    year = int(parts["year"])
    problem = _problem_with(year, month, day, f"{year}年")
    if problem is not None:
        raise JapaneseInputError(field, problem)
    return PartialDate(year, month, day)


def _from_era(
    field: str, era: Era, era_year: int, month: int | None, day: int | None
) -> PartialDate:
    """Check an era date as typed and return it."""
    label = f"{era.name}{'元' if era_year == 1 else era_year}年"
    if era_year < 1:
        raise JapaneseInputError(field, f"{label}という年はありません")

    year = era.start.year + era_year - 1
    problem = _problem_with(year, month, day, label)
    if problem is not None:
        raise JapaneseInputError(field, problem)

    # Built without the era so that the era's own span can be checked here,
    # with a message that names the era's first or last day.
    eraless = PartialDate(year, month, day)
    first, last = eraless._period()
    typed = label + eraless._month_and_day().strip()
    if last < era.start:
        in_force = f"{era.name}は{to_wareki(era.start)}からです"
        raise JapaneseInputError(field, in_force + _meant(typed, eraless))
    if era.end is not None and first > era.end:
        in_force = f"{era.name}は{to_wareki(era.end)}までです"
        raise JapaneseInputError(field, in_force + _meant(typed, eraless))
    return PartialDate(year, month, day, era.initial)


def _meant(typed: str, eraless: PartialDate) -> str:
    """Return the hint 「（…は令和元年5月1日です）」 for a complete date."""
    if not eraless.is_complete:
        return ""
    return f"（{typed}は{eraless.wareki()}です）"


def _problem_with(
    year: int, month: int | None, day: int | None, label: str
) -> str | None:
    """Return the rule a date breaks, in Japanese, or None."""
    if year < _GREGORIAN_START.year:
        return "1873年（明治6年）1月1日より前の日付は扱えません（旧暦のため）"
    if year > 9999:
        return "9999年より後の日付は扱えません"
    if month is None:
        return None if day is None else "月が不詳のときは日も不詳にしてください"
    if not 1 <= month <= 12:
        return f"{label}{month}月という月はありません"
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        return f"{label}{month}月{day}日という日はありません"
    return None


def _eras_during(first: date, last: date) -> list[Era]:
    return [
        era
        for era in ERAS
        if era.start <= last and (era.end is None or era.end >= first)
    ]


def _full_years(born: date, day: date) -> int:
    before_birthday = (day.month, day.day) < (born.month, born.day)
    return day.year - born.year - before_birthday


def _tidy(text: str) -> str:
    """Fold full-width digits and letters, spaces and dashes for parsing."""
    folded = unicodedata.normalize("NFKC", text).translate(_DASHES)
    return "".join(ch for ch in folded if not ch.isspace()).upper()


def _number(digits: str | None) -> int | None:
    return None if digits is None else int(digits)
