"""Place a value in its box: the marks that print it, measured in advance.

Every mark is worked out, and every character checked against the fonts,
before anything is drawn: a value that cannot be printed as given raises
PrintError and no page is produced. Positions are in mm from the page's
top-left corner, as in the form maps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth

from madoguchi.paperwork.errors import PrintError
from madoguchi.paperwork.fonts import Fonts, units
from madoguchi.paperwork.forms import MM, Box, Field

# Glyphs of the IPA fonts stand 0.88 em above the baseline and 0.12 below.
_ASCENT = 0.88
_DESCENT = 0.12
_PADDING = 1.0
_SMALLEST = 5.0

Runs = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Text:
    """Text drawn from (x, baseline), in runs of one font each."""

    x: float
    baseline: float
    size: float
    runs: Runs
    text: str


@dataclass(frozen=True)
class Circle:
    """A circle around a printed choice."""

    x: float
    y: float
    radius: float


@dataclass(frozen=True)
class Tick:
    """A tick in a check box."""

    box: Box


Mark = Text | Circle | Tick


def place(field: Field, value: str | None, fonts: Fonts) -> list[Mark]:
    """Return the marks that write a value in a field's box."""
    if value is None:
        return []
    if field.choice is not None:
        return [_circle(field, value)]
    if field.tick is not None:
        return [Tick(tick_square(field.box))] if value == field.tick else []
    if field.cells is not None:
        return _cells(field, value, fonts)
    if field.lines > 1:
        return _lines(field, value, fonts)
    return [_line(field.box, value, field.size, field.align, fonts)]


def width_of(runs: Runs, size: float) -> float:
    """Return the width of runs in mm."""
    points: float = sum(stringWidth(text, font, size) for font, text in runs)
    return points / MM


def _shaped(value: str, fonts: Fonts) -> Runs:
    return tuple(fonts.value_runs(value))


def value_in(
    box: Box, value: str, size: float, fonts: Fonts, align: str = "left"
) -> Text:
    """Write a value on one line, shrunk to its box."""
    return _line(box, value, size, align, fonts)


def label_in(
    box: Box, label: str, size: float, fonts: Fonts, align: str = "left"
) -> Text:
    """Write a label in gothic on one line, shrunk to its box."""
    return _line(box, label, size, align, fonts, tuple(fonts.label_runs(label)))


def _line(
    box: Box,
    value: str,
    size: float,
    align: str,
    fonts: Fonts,
    runs: Runs | None = None,
) -> Text:
    """Write one line, shrunk to the box's width and height."""
    runs = runs or _shaped(value, fonts)
    room = box.width - 2 * _PADDING
    size = min(size, box.height * MM * 0.8)
    width = width_of(runs, size)
    if width > room:
        size *= room / width
        width = room
    if size < _SMALLEST:
        raise PrintError(f"「{value}」は枠に入りきりません")
    return Text(_x(box, width, align), _baseline(box, size), size, runs, value)


def _lines(field: Field, value: str, fonts: Fonts) -> list[Mark]:
    """Write several lines, breaking where the box is full."""
    box = field.box
    size = min(field.size, box.height * MM * 0.8 / field.lines)
    while size >= _SMALLEST:
        broken = _break(value, size, box.width - 2 * _PADDING, fonts)
        if len(broken) <= field.lines:
            pitch = box.height / len(broken)
            return [
                Text(
                    _x(box, width_of(runs, size), field.align),
                    _baseline(Box(box.x, box.y + i * pitch, box.width, pitch), size),
                    size,
                    runs,
                    text,
                )
                for i, (text, runs) in enumerate(broken)
            ]
        size -= 0.5
    raise PrintError(f"「{value}」は{field.lines}行の枠に入りきりません")


def _break(
    value: str, size: float, room: float, fonts: Fonts
) -> list[tuple[str, Runs]]:
    return break_lines(value, size, room, fonts.value_runs)


# Characters a Japanese line never starts with (行頭禁則). Such a character
# stays at the end of the line before, hanging a little past the box, as
# printed Japanese does (ぶら下げ).
_NO_LINE_START = frozenset(
    "、。，．,.・：；？！)）」』】〕〉》ー…‥ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
)


def break_lines(
    value: str, size: float, room: float, shaper: Callable[[str], list[tuple[str, str]]]
) -> list[tuple[str, Runs]]:
    """Break text into lines no wider than room (mm) at a font size."""
    lines: list[str] = [""]
    width = 0.0
    for unit in units(value):
        advance = width_of(tuple(shaper(unit)), size)
        if lines[-1] and width + advance > room and unit not in _NO_LINE_START:
            lines.append(unit.lstrip())
            width = advance if lines[-1] else 0.0
        else:
            lines[-1] += unit
            width += advance
    return [(line, tuple(shaper(line))) for line in lines if line]


def _cells(field: Field, value: str, fonts: Fonts) -> list[Mark]:
    """Write one character per cell (マス目)."""
    characters = list(units(value))
    cells = field.cell_boxes()
    if len(characters) > len(cells):
        raise PrintError(
            f"「{value}」は{len(characters)}文字ですが、マス目は{len(cells)}です"
        )
    if field.align == "right":
        cells = cells[len(cells) - len(characters) :]
    return [
        _line(cell, ch, field.size, "center", fonts)
        for cell, ch in zip(cells, characters, strict=False)
    ]


def tick_square(box: Box) -> Box:
    """Return the check box square at the left of a tick field's box."""
    side = min(box.height - 1, 5.0)
    return Box(box.x + 1, box.y + (box.height - side) / 2, side, side)


def _circle(field: Field, value: str) -> Circle:
    """Circle the printed option that matches the value."""
    options = field.choice or ()
    for (key, _), slot in zip(options, field.option_boxes(), strict=True):
        if key == value:
            radius = min(slot.width, slot.height) / 2 - 0.3
            return Circle(slot.x + slot.width / 2, slot.y + slot.height / 2, radius)
    printed = "、".join(f"{key}={label}" for key, label in options)
    raise PrintError(f"「{value}」は選択肢({printed})にありません")


def _x(box: Box, width: float, align: str) -> float:
    if align == "center":
        return box.x + (box.width - width) / 2
    if align == "right":
        return box.x + box.width - _PADDING - width
    return box.x + _PADDING


def _baseline(box: Box, size: float) -> float:
    """Return the baseline (mm from the top) that centres text in a box."""
    middle = box.y + box.height / 2
    return middle + (_ASCENT - _DESCENT) / 2 * size / MM
