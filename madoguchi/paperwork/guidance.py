"""The guidance sheet (手続き案内票): which counters to visit, in order.

The household's procedures are grouped by counter; counters are visited by
office (in the pack's order), floor and number; procedures done elsewhere
(an employer, a pension office) come last under 「市役所以外での手続き」.
Each shows its deadline in 和暦, whom it concerns, why, and what to bring.

It is written for a resident of 80: 13 pt body, larger headings, black on
white, plain words. The QR code carries only the token it is given.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import segno

from madoguchi.japanese.wareki import to_wareki, wareki_day
from madoguchi.navigator.facts import EVENT_LABELS
from madoguchi.packs.reading import read_yaml
from madoguchi.paperwork.drawing import Sheet
from madoguchi.paperwork.errors import PrintError
from madoguchi.paperwork.fields import Text, break_lines, label_in, value_in
from madoguchi.paperwork.fonts import Fonts
from madoguchi.paperwork.forms import MM, PAGE_SIZES, Box
from madoguchi.paperwork.sources import addressee, read_date

OUTSIDE = "市役所以外での手続き"
_TOKEN = re.compile(r"[A-Za-z0-9_-]{8,64}")
_NUMBER = re.compile(r"(\D*)(\d*)")
_WIDTH, _HEIGHT = PAGE_SIZES["A4"]
_LEFT, _RIGHT = 15.0, _WIDTH - 15.0
_BOTTOM = _HEIGHT - 23.0
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

_TITLE = 26.0
_HEADING = 17.0
_NAME = 15.0
_BODY = 13.0


@dataclass(frozen=True)
class Counter:
    """A counter of the pack, with what orders it in a visit."""

    code: str
    number: str
    name: str
    floor: str
    department: str
    office: str
    office_rank: int

    def sort_key(self) -> tuple[int, tuple[str, int], tuple[str, int]]:
        """Order by office, then floor, then counter number."""
        return (self.office_rank, _numbered(self.floor), _numbered(self.number))


@dataclass(frozen=True)
class Office:
    """An office as the sheet's footer names it."""

    name: str
    address: str
    opening_hours: str


@dataclass(frozen=True)
class Offices:
    """The pack's offices, departments and counters."""

    offices: tuple[Office, ...]
    counters: tuple[Counter, ...]

    @classmethod
    def from_pack(cls, pack_dir: Path) -> Offices:
        """Read offices.yaml of a pack."""
        data = read_yaml(Path(pack_dir) / "offices.yaml")
        offices = data.get("offices") or []
        rank = {item["code"]: number for number, item in enumerate(offices)}
        names = {item["code"]: item["name"] for item in offices}
        departments = {item["code"]: item for item in data.get("departments") or []}
        counters = []
        for item in data.get("counters") or []:
            department = departments[item["department"]]
            counters.append(
                Counter(
                    code=item["code"],
                    number=str(item["number"]),
                    name=item["name"],
                    floor=str(item["floor"]),
                    department=department["name"],
                    office=names[department["office"]],
                    office_rank=rank[department["office"]],
                )
            )
        return cls(
            offices=tuple(
                Office(o["name"], o.get("address", ""), o.get("opening_hours", ""))
                for o in offices
            ),
            counters=tuple(counters),
        )

    def counter_for(self, procedure: Mapping[str, Any]) -> Counter | None:
        """Find where a procedure is done: its counter, else its department's.

        counter may be a counter code or the navigator's {"code", ...}; a
        procedure marked outside, or with no counter of this pack, is done
        outside city hall.
        """
        if procedure.get("outside"):
            return None
        given = procedure.get("counter")
        code = given.get("code") if isinstance(given, Mapping) else given
        for counter in self.counters:
            if code and counter.code == code:
                return counter
        department = procedure.get("department")
        return next((c for c in self.counters if c.department == department), None)


@dataclass
class Stop:
    """One counter to visit, or the procedures done outside city hall."""

    counter: Counter | None
    procedures: list[Mapping[str, Any]] = field(default_factory=list)


def plan_visits(
    procedures: Sequence[Mapping[str, Any]], offices: Offices
) -> list[Stop]:
    """Group procedures by counter, in the order a resident walks them."""
    stops: dict[str, Stop] = {}
    outside = Stop(None)
    for procedure in procedures:
        counter = offices.counter_for(procedure)
        if counter is None:
            outside.procedures.append(procedure)
        else:
            stops.setdefault(counter.code, Stop(counter)).procedures.append(procedure)
    ordered = sorted(stops.values(), key=_walking_order)
    for stop in [*ordered, outside]:
        # What the household must do comes before what it is only offered.
        stop.procedures.sort(key=lambda p: p.get("necessity") == "may")
    return ordered + ([outside] if outside.procedures else [])


def _walking_order(stop: Stop) -> tuple[int, tuple[str, int], tuple[str, int]]:
    assert stop.counter is not None
    return stop.counter.sort_key()


def check_token(token: str) -> None:
    """Refuse a token that is not a short random one (it may be data)."""
    if not _TOKEN.fullmatch(token):
        raise PrintError(
            "案内票のQRコードには8〜64文字の英数字の受付トークンだけを入れます"
            "(個人情報は入れられません)"
        )


class GuidanceSheet:
    """Lay out and draw the guidance sheet on a canvas."""

    def __init__(
        self,
        case: Mapping[str, Any],
        stops: Sequence[Stop],
        offices: Offices,
        token: str,
        municipality: str,
        today: date,
        fonts: Fonts,
    ) -> None:
        check_token(token)
        self.case = case
        self.stops = stops
        self.offices = offices
        self.token = token
        self.municipality = municipality
        self.today = today
        self.fonts = fonts

    def draw(self, canvas: Any) -> int:
        """Draw the sheet, page by page; return the number of pages."""
        canvas.setPageSize((_WIDTH * MM, _HEIGHT * MM))
        self._sheet = Sheet(canvas, _HEIGHT)
        self._pages = 1
        self._top = self._header()
        for number, stop in enumerate(self.stops):
            self._stop(number, stop)
        self._footer()
        return self._pages

    def _header(self) -> float:
        sheet = self._sheet
        sheet.text(
            label_in(Box(_LEFT, 10, 120, 14), "手続き案内票", _TITLE, self.fonts)
        )
        name = (addressee(self.case) or {}).get("name")
        event = EVENT_LABELS.get(str(self.case.get("event")), "")
        if name:
            sheet.text(self._value(Box(_LEFT, 27, 125, 10), f"{name} 様", 18))
        about = f"{event}のお手続き" if event else "お手続き"
        line = f"{self.municipality}　{about}　{to_wareki(self.today)}"
        sheet.text(self._label(Box(_LEFT, 38, 125, 8), line, _BODY))
        self._qr(Box(_RIGHT - 34, 8, 34, 34))
        sheet.text(
            self._label(
                Box(_RIGHT - 70, 43, 70, 6), "窓口でこの紙をお見せください", 12, "right"
            )
        )
        top = 53.0
        counters = sum(1 for stop in self.stops if stop.counter is not None)
        for guide in (
            f"上から順に、番号の窓口へお進みください(全{counters}か所)。",
            "用紙はすべて記入済みです。内容を確かめて、署名だけお願いします。",
        ):
            sheet.text(self._label(Box(_LEFT, top, _RIGHT - _LEFT, 7), guide, _BODY))
            top += 7
        sheet.line(_LEFT, top + 2, _RIGHT, top + 2, width=1.2)
        return top + 6

    def _qr(self, box: Box) -> None:
        code = segno.make(self.token, error="m", micro=False)
        matrix = code.matrix
        module = box.width / len(matrix)
        canvas = self._sheet.canvas
        path = canvas.beginPath()
        for row, cells in enumerate(matrix):
            for column, dark in enumerate(cells):
                if dark:
                    path.rect(
                        (box.x + column * module) * MM,
                        self._sheet.y(box.y + (row + 1) * module),
                        module * MM,
                        module * MM,
                    )
        canvas.setFillGray(0)
        canvas.drawPath(path, stroke=0, fill=1)

    def _stop(self, number: int, stop: Stop) -> None:
        counter = stop.counter
        if counter is None:
            heading = OUTSIDE
        else:
            mark = _CIRCLED[number] if number < len(_CIRCLED) else f"{number + 1}."
            heading = (
                f"{mark} {counter.floor} {counter.number}番窓口　{counter.department}"
                f"({counter.name})"
            )
        self._room(12 + 26)
        band = Box(_LEFT, self._top, _RIGHT - _LEFT, 10)
        self._sheet.rect(band, fill=0.12, width=0)
        self._sheet.canvas.setFillGray(1)
        text = self._label(
            Box(_LEFT + 2, band.y, band.width - 4, band.height), heading, _HEADING
        )
        self._sheet.text(text)
        self._sheet.canvas.setFillGray(0)
        self._top += 12
        if counter is not None and counter.office_rank > 0:
            self._say(f"場所: {counter.office}", _BODY)
        for procedure in stop.procedures:
            self._procedure(procedure, outside=counter is None)
        self._top += 2

    def _procedure(self, procedure: Mapping[str, Any], outside: bool) -> None:
        self._room(30)
        name = str(procedure.get("name") or procedure.get("code"))
        if procedure.get("necessity") == "may":
            name += "(必要な方のみ)"
        self._sheet.rect(Box(_LEFT + 1, self._top + 1.5, 5, 5), width=1)
        self._say(name, _NAME, indent=9, label=True)
        if outside and procedure.get("department"):
            self._say(f"行き先: {procedure['department']}", _BODY, indent=9)
        deadline = _deadline(procedure.get("deadline"))
        if deadline:
            self._say(f"期限: {deadline}", _BODY, indent=9)
        people = self._people(procedure.get("members") or [])
        if people:
            self._say(f"対象: {people}", _BODY, indent=9)
        if procedure.get("reason"):
            self._say(f"理由: {procedure['reason']}", _BODY, indent=9)
        bring = procedure.get("bring") or []
        if isinstance(bring, str):
            bring = [bring]
        if bring:
            self._say(f"持ち物: {'、'.join(map(str, bring))}", _BODY, indent=9)
        self._top += 2.5

    def _people(self, ids: Sequence[str]) -> str:
        names = []
        for member in self.case.get("household", []):
            if member.get("id") in ids:
                names.append(str(member.get("name") or member.get("relationship")))
        return "、".join(names)

    def _say(
        self, text: str, size: float, indent: float = 0, label: bool = False
    ) -> None:
        """Write a paragraph, wrapped, moving down the page."""
        shaper = self.fonts.label_runs if label else self.fonts.value_runs
        room = _RIGHT - _LEFT - indent
        pitch = size / MM * 1.45
        for line, runs in break_lines(text, size, room, shaper):
            self._room(pitch)
            baseline = self._top + pitch * 0.78
            self._sheet.text(Text(_LEFT + indent, baseline, size, runs, line))
            self._top += pitch

    def _room(self, height: float) -> None:
        """Start a new page when height mm no longer fit on this one."""
        if self._top + height <= _BOTTOM:
            return
        self._footer()
        self._sheet.canvas.showPage()
        self._pages += 1
        self._sheet.text(
            self._label(Box(_LEFT, 10, 150, 10), "手続き案内票(つづき)", _HEADING)
        )
        self._top = 24.0

    def _footer(self) -> None:
        main = self.offices.offices[0] if self.offices.offices else None
        sheet = self._sheet
        sheet.line(_LEFT, _HEIGHT - 20, _RIGHT, _HEIGHT - 20, width=0.6)
        sheet.text(
            self._label(
                Box(_RIGHT - 30, _HEIGHT - 19, 30, 7), f"{self._pages}枚目", 12, "right"
            )
        )
        if main is None:
            return
        for number, line in enumerate(
            (f"{main.name}　{main.address}", main.opening_hours)
        ):
            box = Box(_LEFT, _HEIGHT - 19 + 6 * number, _RIGHT - _LEFT - 30, 6)
            sheet.text(self._label(box, line, 12))

    def _label(self, box: Box, text: str, size: float, align: str = "left") -> Text:
        return label_in(box, text, size, self.fonts, align)

    def _value(self, box: Box, text: str, size: float) -> Text:
        return value_in(box, text, size, self.fonts)


def _deadline(value: Any) -> str | None:
    if not value:
        return None
    try:
        day = read_date(value, "deadline")
    except PrintError:
        return str(value)
    return f"{wareki_day(day)}まで"


def _numbered(text: str) -> tuple[str, int]:
    """Split 「保健センター1階」 into ("保健センター", 1) for ordering."""
    match = _NUMBER.match(text)
    prefix, digits = (match.group(1), match.group(2)) if match else (text, "")
    return (prefix, int(digits) if digits else 0)
