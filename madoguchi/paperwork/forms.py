"""Form maps: where each value of a municipality's form stands.

A form is ``forms/<code>.yaml`` in the pack, with perhaps a blank PDF of the
municipality's own form beside it. The map says which procedures the form
serves, whether it is printed once per household or once per person, and
for every field its box (mm from the page's top-left), what fills it
(sources.py) and how: one line shrunk to fit, several lines, one character
per cell (マス目), a circle around a printed choice, or a tick. README,
"Forms and the packet", is the reference.

Everything is checked when the pack is loaded; a mistake is a PackError
naming the file, the line and the rule.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from madoguchi.packs.reading import PackError, read_yaml
from madoguchi.paperwork.sources import Kind, Source, SourceError, parse_source

MM = 72 / 25.4

PAGE_SIZES = {
    "A3": (297.0, 420.0),
    "A4": (210.0, 297.0),
    "A5": (148.0, 210.0),
    "B4": (257.0, 364.0),
    "B5": (182.0, 257.0),
}
_ALIGNS = ("left", "center", "right")
_CODE = re.compile(r"[a-z][a-z0-9_]*")
_FORM_KEYS = {"title", "serves", "per", "page_size", "blank", "fields", "notes"}
_FIELD_KEYS = {
    "label",
    "page",
    "box",
    "source",
    "size",
    "align",
    "lines",
    "cells",
    "choice",
    "tick",
    "label_width",
}
_TABLE_KEYS = {"label", "page", "box", "rows", "max_rows", "columns", "size"}
_COLUMN_KEYS = (_FIELD_KEYS - {"page", "box", "label_width"}) | {"x", "width"}


@dataclass(frozen=True)
class Box:
    """A rectangle in mm, measured from the page's top-left corner."""

    x: float
    y: float
    width: float
    height: float

    def below(self, rows: int) -> Box:
        """Return the same box moved down by that many of its heights."""
        return Box(self.x, self.y + rows * self.height, self.width, self.height)


@dataclass(frozen=True)
class Field:
    """One value's place on a form and how it is written there."""

    label: str
    page: int
    box: Box
    source: Source | None
    size: float
    align: str
    lines: int
    cells: int | None
    choice: tuple[tuple[str, str], ...] | None
    tick: str | None
    label_width: float
    box_line: int = dataclasses.field(default=0, compare=False)
    page_line: int = dataclasses.field(default=0, compare=False)

    def option_boxes(self) -> list[Box]:
        """Split the box into one slot per printed choice, left to right."""
        count = len(self.choice or ())
        width = self.box.width / max(count, 1)
        return [
            Box(self.box.x + i * width, self.box.y, width, self.box.height)
            for i in range(count)
        ]

    def cell_boxes(self) -> list[Box]:
        """Split the box into its マス目, left to right."""
        count = self.cells or 0
        width = self.box.width / max(count, 1)
        return [
            Box(self.box.x + i * width, self.box.y, width, self.box.height)
            for i in range(count)
        ]


@dataclass(frozen=True)
class Table:
    """Rows of the same columns, one per member of a list source."""

    label: str
    page: int
    box: Box
    rows: Source
    max_rows: int
    columns: tuple[Field, ...]
    box_line: int = dataclasses.field(default=0, compare=False)
    page_line: int = dataclasses.field(default=0, compare=False)

    def row(self, index: int) -> tuple[Field, ...]:
        """Return the columns of one row, placed on it."""
        return tuple(
            dataclasses.replace(column, page=self.page, box=column.box.below(index))
            for column in self.columns
        )


@dataclass(frozen=True)
class FormMap:
    """One form: what it serves, its pages, its fields and tables."""

    code: str
    title: str
    serves: tuple[str, ...]
    per: str
    page_size: tuple[float, float]
    blank: Path | None
    pages: int
    fields: tuple[Field, ...]
    tables: tuple[Table, ...]
    notes: tuple[str, ...]
    path: Path

    @property
    def per_person(self) -> bool:
        """Tell whether one copy is printed for each person concerned."""
        return self.per == "person"


@dataclass(frozen=True)
class FormCatalogue:
    """The pack's forms, found by the procedure they serve."""

    forms: tuple[FormMap, ...]

    def __iter__(self) -> Iterator[FormMap]:
        return iter(self.forms)

    def __len__(self) -> int:
        return len(self.forms)

    def for_procedure(self, code: str) -> FormMap | None:
        """Return the form a procedure is filed on, or None if it has none."""
        return next((form for form in self.forms if code in form.serves), None)

    def get(self, code: str) -> FormMap:
        """Return the form with this code, or raise KeyError."""
        for form in self.forms:
            if form.code == code:
                return form
        raise KeyError(code)


def load_forms(pack_dir: Path, *, require_blanks: bool = True) -> FormCatalogue:
    """Read and check every form map in ``pack_dir/forms``.

    require_blanks=False lets a map name a blank PDF not drawn yet (for
    ``madoguchi draw_blank_forms``, which draws it).
    """
    folder = Path(pack_dir) / "forms"
    forms = [_read_form(path, require_blanks) for path in sorted(folder.glob("*.yaml"))]

    served: dict[str, FormMap] = {}
    for form in forms:
        for code in form.serves:
            if code in served:
                raise PackError(
                    form.path,
                    1,
                    f"手続き '{code}' は様式 '{served[code].code}' でも使われています"
                    "(一つの手続きに様式は一つです)",
                )
            served[code] = form
    return FormCatalogue(tuple(forms))


def _read_form(path: Path, require_blanks: bool) -> FormMap:
    data = read_yaml(path)
    reader = _Reader(path, require_blanks)
    reader.only(data, _FORM_KEYS)

    code = path.stem
    if not _CODE.fullmatch(code):
        raise PackError(
            path, None, "ファイル名は英小文字・数字・_ の様式コードにしてください"
        )
    title = reader.text(data, "title")
    serves = data.get("serves")
    if (
        not isinstance(serves, list)
        or not serves
        or not all(isinstance(c, str) and _CODE.fullmatch(c) for c in serves)
    ):
        raise PackError(
            path, data.line, "'serves' は手続きコードのリストにしてください"
        )
    per = data.get("per", "household")
    if per not in ("household", "person"):
        raise PackError(path, _line(data, "per"), "'per' は household か person です")

    blank, pages, page_size = reader.blank_and_size(data)
    notes = data.get("notes") or []
    if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
        raise PackError(path, data.line, "'notes' は文のリストにしてください")

    items = data.get("fields")
    if not isinstance(items, list) or not items:
        raise PackError(path, data.line, "'fields' に項目を一つ以上書いてください")
    fields: list[Field] = []
    tables: list[Table] = []
    for item in items:
        if not isinstance(item, dict):
            raise PackError(
                path, data.line, "'fields' の各項目はマッピングにしてください"
            )
        if "rows" in item:
            tables.append(reader.table(item, per == "person"))
        else:
            fields.append(reader.field(item, per == "person"))

    placed: list[Field | Table] = [*fields, *tables]
    if pages == 0:
        pages = max(thing.page for thing in placed)
    for thing in placed:
        reader.on_page(thing, pages, page_size)

    return FormMap(
        code=code,
        title=title,
        serves=tuple(serves),
        per=per,
        page_size=page_size,
        blank=blank,
        pages=pages,
        fields=tuple(fields),
        tables=tuple(tables),
        notes=tuple(notes),
        path=path,
    )


class _Reader:
    """Check one form map's items, naming its file and lines in errors."""

    def __init__(self, path: Path, require_blanks: bool) -> None:
        self.path = path
        self.require_blanks = require_blanks

    def fail(self, item: Any, reason: str, key: str | None = None) -> PackError:
        return PackError(self.path, _line(item, key), reason)

    def only(self, item: Any, allowed: set[str]) -> None:
        unknown = sorted(set(item) - allowed)
        if unknown:
            raise self.fail(
                item,
                f"'{unknown[0]}' という項目はありません(使えるのは "
                f"{'、'.join(sorted(allowed))})",
                unknown[0],
            )

    def text(self, item: Any, key: str) -> str:
        value = item.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(item, f"'{key}' がありません")
        return value

    def number(self, item: Any, key: str, default: float | None = None) -> float:
        value = item.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(item, f"'{key}' は数(mm または pt)にしてください", key)
        return float(value)

    def whole(self, item: Any, key: str, default: int) -> int:
        value = item.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise self.fail(item, f"'{key}' は1以上の整数にしてください", key)
        return value

    def blank_and_size(self, data: Any) -> tuple[Path | None, int, tuple[float, float]]:
        size = data.get("page_size", "A4")
        if isinstance(size, str) and size in PAGE_SIZES:
            page_size = PAGE_SIZES[size]
        elif (
            isinstance(size, list)
            and len(size) == 2
            and all(isinstance(v, int | float) and v > 0 for v in size)
        ):
            page_size = (float(size[0]), float(size[1]))
        else:
            raise self.fail(
                data,
                f"'page_size' は {'、'.join(PAGE_SIZES)} か [幅, 高さ](mm)です",
                "page_size",
            )

        name = data.get("blank")
        if name is None:
            return None, 0, page_size
        blank = self.path.parent / str(name)
        if not blank.is_file() and not self.require_blanks:
            return blank, 0, page_size
        if not blank.is_file():
            raise self.fail(data, f"白紙の様式 {blank.name} がありません", "blank")
        try:
            reader = PdfReader(blank)
            pages = len(reader.pages)
            box = reader.pages[0].mediabox
        except (PdfReadError, OSError, ValueError) as error:
            raise self.fail(
                data, f"白紙の様式 {blank.name} を読めません: {error}"
            ) from None
        blank_size = (float(box.width) / MM, float(box.height) / MM)
        if any(abs(a - b) > 1 for a, b in zip(blank_size, page_size, strict=True)):
            raise self.fail(
                data,
                f"白紙の様式 {blank.name} は {blank_size[0]:.0f}×{blank_size[1]:.0f}mm"
                f"で、page_size の {page_size[0]:.0f}×{page_size[1]:.0f}mm と違います",
            )
        return blank, pages, page_size

    def box(self, item: Any) -> Box:
        box = item.get("box")
        if not isinstance(box, dict):
            raise self.fail(item, "'box' に x, y, width, height(mm)を書いてください")
        self.only(box, {"x", "y", "width", "height"})
        values = [self.number(box, key) for key in ("x", "y", "width", "height")]
        if values[2] <= 0 or values[3] <= 0:
            raise self.fail(box, "'box' の width と height は正の数にしてください")
        return Box(*values)

    def source(self, item: Any, key: str, per_person: bool) -> Source | None:
        if key not in item or item[key] is None:
            return None
        try:
            source = parse_source(item[key])
        except SourceError as error:
            raise self.fail(item, f"'{key}': {error}", key) from None
        if source.kind is Kind.LIST and key == "source":
            raise self.fail(item, f"'{item[key]}' は表の 'rows' に書いてください", key)
        if source.needs_member and not per_person:
            raise self.fail(
                item,
                f"'{item[key]}' は一人ずつの様式(per: person)か表の列でだけ使えます",
                key,
            )
        return source

    def field(
        self,
        item: Any,
        per_person: bool,
        *,
        column_of: Box | None = None,
        size: float = 11,
    ) -> Field:
        if column_of is None:
            self.only(item, _FIELD_KEYS)
            box = self.box(item)
            page = self.whole(item, "page", 1)
        else:
            self.only(item, _COLUMN_KEYS)
            x, width = self.number(item, "x"), self.number(item, "width")
            if x < 0 or width <= 0 or x + width > column_of.width + 0.01:
                raise self.fail(item, "列の x と width が行の幅に収まりません")
            box = Box(column_of.x + x, column_of.y, width, column_of.height)
            page = 1
        label = self.text(item, "label")
        source = self.source(item, "source", per_person)

        ways = [key for key in ("lines", "cells", "choice", "tick") if key in item]
        if len(ways) > 1:
            raise self.fail(item, f"'{ways[0]}' と '{ways[1]}' は同時に使えません")
        choice = item.get("choice")
        if choice is not None and (
            not isinstance(choice, dict)
            or not choice
            or not all(isinstance(v, str) for v in choice.values())
        ):
            raise self.fail(
                item, "'choice' は {値: 印刷された選択肢} にしてください", "choice"
            )
        align = item.get("align", "left")
        if align not in _ALIGNS:
            raise self.fail(
                item, "'align' は left、center、right のどれかです", "align"
            )
        font_size = self.number(item, "size", size)
        if not 4 <= font_size <= 48:
            raise self.fail(item, "'size' は4〜48(pt)にしてください", "size")
        cells = self.whole(item, "cells", 1) if "cells" in item else None
        return Field(
            label=label,
            page=page,
            box=box,
            source=source,
            size=font_size,
            align=align,
            lines=self.whole(item, "lines", 1),
            cells=cells,
            choice=tuple((str(k), v) for k, v in choice.items()) if choice else None,
            tick=str(item["tick"]) if "tick" in item else None,
            label_width=self.number(item, "label_width", 24),
            box_line=_line(item, "box") or 0,
            page_line=_line(item, "page") or 0,
        )

    def table(self, item: Any, per_person: bool) -> Table:
        self.only(item, _TABLE_KEYS)
        label = self.text(item, "label")
        rows = self.source(item, "rows", per_person)
        if rows is None or rows.kind is not Kind.LIST:
            raise self.fail(item, "'rows' は movers か members です")
        box = self.box(item)
        size = self.number(item, "size", 10)
        columns = item.get("columns")
        if not isinstance(columns, list) or not columns:
            raise self.fail(item, "'columns' に列を一つ以上書いてください")
        placed = tuple(
            self.field(column, True, column_of=box, size=size) for column in columns
        )
        return Table(
            label=label,
            page=self.whole(item, "page", 1),
            box=box,
            rows=rows,
            max_rows=self.whole(item, "max_rows", 1),
            columns=placed,
            box_line=_line(item, "box") or 0,
            page_line=_line(item, "page") or 0,
        )

    def on_page(
        self, thing: Field | Table, pages: int, page_size: tuple[float, float]
    ) -> None:
        if thing.page > pages:
            raise PackError(
                self.path,
                thing.page_line or None,
                f"「{thing.label}」は{thing.page}ページ目にありますが、"
                f"様式は{pages}ページです",
            )
        bottom = thing.box.y + thing.box.height
        if isinstance(thing, Table):
            bottom = thing.box.y + thing.box.height * thing.max_rows
        label_left = thing.box.x - (
            thing.label_width if isinstance(thing, Field) else 0
        )
        if (
            label_left < 0
            or thing.box.y < 0
            or thing.box.x + thing.box.width > page_size[0]
            or bottom > page_size[1]
        ):
            raise PackError(
                self.path,
                thing.box_line or None,
                f"「{thing.label}」の枠がページ({page_size[0]:.0f}×"
                f"{page_size[1]:.0f}mm)からはみ出しています",
            )


def _line(item: Any, key: str | None = None) -> int | None:
    """Return the line of a key of a YAML mapping, else of the mapping."""
    if key is not None and hasattr(item, "line_of"):
        return int(item.line_of(key))
    return getattr(item, "line", None)
