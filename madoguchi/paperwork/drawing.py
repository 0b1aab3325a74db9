"""Draw on a ReportLab canvas: a form's ruled frame and the marks of values.

The frame (title, labels, ruled boxes, マス目, printed choices) is what a
form without a blank PDF is printed on, and what blanks.py draws the demo
city's blank forms with.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from madoguchi.paperwork.fields import (
    Circle,
    Mark,
    Text,
    Tick,
    label_in,
    tick_square,
)
from madoguchi.paperwork.fonts import Fonts
from madoguchi.paperwork.forms import MM, Box, Field, FormMap, Table

_RULE = 0.6
_LABEL_FILL = 0.93
_HEADER = 6.0


class Sheet:
    """A canvas page measured in mm from the top-left, as form maps are."""

    def __init__(self, canvas: Any, height: float) -> None:
        self.canvas = canvas
        self.height = height

    def y(self, top: float) -> float:
        """Return ReportLab's y (pt from the bottom) for mm from the top."""
        return (self.height - top) * MM

    def text(self, mark: Text) -> None:
        """Draw text run by run."""
        x = mark.x * MM
        for font, text in mark.runs:
            self.canvas.setFont(font, mark.size)
            self.canvas.drawString(x, self.y(mark.baseline), text)
            x += self.canvas.stringWidth(text, font, mark.size)

    def rect(self, box: Box, fill: float | None = None, width: float = _RULE) -> None:
        """Rule a box, perhaps filled with a grey (0 black, 1 white)."""
        canvas = self.canvas
        canvas.setLineWidth(width)
        if fill is not None:
            canvas.setFillGray(fill)
        canvas.rect(
            box.x * MM,
            self.y(box.y + box.height),
            box.width * MM,
            box.height * MM,
            stroke=1,
            fill=int(fill is not None),
        )
        canvas.setFillGray(0)

    def line(
        self, x1: float, y1: float, x2: float, y2: float, width: float = _RULE
    ) -> None:
        """Draw a straight line between two points in mm."""
        self.canvas.setLineWidth(width)
        self.canvas.line(x1 * MM, self.y(y1), x2 * MM, self.y(y2))


def draw_marks(sheet: Sheet, marks: Iterable[Mark]) -> None:
    """Draw the marks that fill a page."""
    canvas = sheet.canvas
    canvas.setFillGray(0)
    canvas.setStrokeGray(0)
    for mark in marks:
        if isinstance(mark, Text):
            sheet.text(mark)
        elif isinstance(mark, Circle):
            canvas.setLineWidth(1.0)
            canvas.circle(
                mark.x * MM, sheet.y(mark.y), mark.radius * MM, stroke=1, fill=0
            )
        elif isinstance(mark, Tick):
            box = mark.box
            path = canvas.beginPath()
            path.moveTo(
                (box.x + box.width * 0.15) * MM, sheet.y(box.y + box.height * 0.55)
            )
            path.lineTo(
                (box.x + box.width * 0.42) * MM, sheet.y(box.y + box.height * 0.85)
            )
            path.lineTo(
                (box.x + box.width * 0.9) * MM, sheet.y(box.y + box.height * 0.1)
            )
            canvas.setLineWidth(1.4)
            canvas.drawPath(path, stroke=1, fill=0)


def draw_frame(
    sheet: Sheet,
    form: FormMap,
    page: int,
    fonts: Fonts,
    municipality: str,
    footer: str = "この様式は窓口システムが様式の定義から作成しました。",
) -> None:
    """Draw the title, labels and ruled boxes of one page of a form."""
    width, height = form.page_size
    if page == 1:
        sheet.text(
            label_in(Box(10, 6, width - 20, 12), form.title, 18, fonts, "center")
        )
        sheet.text(label_in(Box(12, 22, 80, 7), f"{municipality}長 様", 11, fonts))
    for field in form.fields:
        if field.page == page:
            _field_frame(sheet, field, fonts)
    for table in form.tables:
        if table.page == page:
            _table_frame(sheet, table, fonts)
    if page == form.pages:
        top = form.page_size[1] - 12 - 5 * len(form.notes)
        for number, note in enumerate(form.notes):
            sheet.text(
                label_in(Box(12, top + 5 * number, width - 24, 5), note, 9, fonts)
            )
    sheet.text(label_in(Box(12, height - 9, width - 24, 5), footer, 7, fonts, "right"))


def _field_frame(sheet: Sheet, field: Field, fonts: Fonts) -> None:
    box = field.box
    if field.label_width > 0:
        cell = Box(box.x - field.label_width, box.y, field.label_width, box.height)
        sheet.rect(cell, fill=_LABEL_FILL)
        sheet.text(label_in(_upper(cell), field.label, 9, fonts))
    sheet.rect(box)
    if field.cells:
        for cell in field.cell_boxes()[1:]:
            sheet.line(cell.x, cell.y, cell.x, cell.y + cell.height, width=0.3)
    if field.choice:
        for (_, option), slot in zip(field.choice, field.option_boxes(), strict=True):
            sheet.text(label_in(slot, option, 10, fonts, "center"))
    if field.tick is not None:
        sheet.rect(tick_square(box))


def _table_frame(sheet: Sheet, table: Table, fonts: Fonts) -> None:
    box = table.box
    header = Box(box.x, box.y - _HEADER, box.width, _HEADER)
    sheet.text(label_in(Box(box.x, header.y - 6, box.width, 6), table.label, 10, fonts))
    sheet.rect(header, fill=_LABEL_FILL)
    for index in range(table.max_rows):
        sheet.rect(box.below(index))
    bottom = box.y + box.height * table.max_rows
    for column in table.columns:
        column_header = Box(column.box.x, header.y, column.box.width, _HEADER)
        sheet.text(label_in(column_header, column.label, 8, fonts, "center"))
        if column.box.x > box.x:
            sheet.line(column.box.x, header.y, column.box.x, bottom, width=0.3)
        if column.choice:
            for index in range(table.max_rows):
                row_column = column.box.below(index)
                slots = dataclasses.replace(column, box=row_column).option_boxes()
                for (_, option), slot in zip(column.choice, slots, strict=True):
                    sheet.text(label_in(slot, option, 9, fonts, "center"))


def _upper(cell: Box) -> Box:
    """Return the top 7 mm of a label cell, or all of a shorter one."""
    return Box(cell.x, cell.y, cell.width, min(cell.height, 7))
