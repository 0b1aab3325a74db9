"""The packet: the guidance sheet, then every pre-filled form, as one PDF.

Forms come in the order the sheet sends the resident to the counters, one
copy per household or one per person concerned. Every value is placed, and
checked against the fonts, before any page is drawn. Pages of forms with a
blank PDF are drawn as overlays in the same ReportLab document, so fonts
are embedded once, and then laid on their blank pages with pypdf.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, cast

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    StreamObject,
)
from reportlab.pdfgen.canvas import Canvas

from madoguchi.packs.reading import read_yaml
from madoguchi.paperwork.drawing import Sheet, draw_frame, draw_marks
from madoguchi.paperwork.errors import PrintError
from madoguchi.paperwork.fields import Mark, place
from madoguchi.paperwork.fonts import Fonts
from madoguchi.paperwork.forms import MM, Field, FormCatalogue, FormMap, load_forms
from madoguchi.paperwork.guidance import GuidanceSheet, Offices, plan_visits
from madoguchi.paperwork.sources import Context, members_named


@dataclass(frozen=True)
class FilledPage:
    """One page of one copy of a form, with the marks that fill it."""

    form: FormMap
    page: int
    marks: tuple[Mark, ...]


@dataclass(frozen=True)
class FormCopy:
    """One printed copy of a form: for a procedure, perhaps for a person."""

    form: FormMap
    procedure_code: str
    member_id: str | None
    pages: tuple[FilledPage, ...]


class Packet:
    """A pack's forms, offices and fonts, ready to print packets."""

    def __init__(
        self,
        catalogue: FormCatalogue,
        offices: Offices,
        fonts: Fonts,
        municipality: str,
    ) -> None:
        self.catalogue = catalogue
        self.offices = offices
        self.fonts = fonts
        self.municipality = municipality

    @classmethod
    def from_pack(cls, pack_dir: Path, fonts: Fonts) -> Packet:
        """Read a pack's forms, offices and municipality name."""
        city = read_yaml(Path(pack_dir) / "municipality.yaml").get("municipality") or {}
        return cls(
            load_forms(pack_dir),
            Offices.from_pack(pack_dir),
            fonts,
            city.get("name", ""),
        )

    def copies(
        self,
        case: Mapping[str, Any],
        procedures: Sequence[Mapping[str, Any]],
        today: date,
        cases: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> list[FormCopy]:
        """Fill every form of the procedures, in the order of the visit.

        cases holds, for a visit of several events, the case file of each
        event; a procedure whose ``event`` names one is filled from it.
        """
        copies: list[FormCopy] = []
        for stop in plan_visits(procedures, self.offices):
            for procedure in stop.procedures:
                form = self.catalogue.for_procedure(str(procedure.get("code")))
                if form is None:
                    continue
                filled_from = (cases or {}).get(str(procedure.get("event")), case)
                people: list[Mapping[str, Any] | None] = [None]
                if form.per_person:
                    people = list(
                        members_named(filled_from, procedure.get("members") or [])
                    )
                for member in people:
                    context = Context(filled_from, procedure, member, today)
                    for pages in fill(form, context, self.fonts):
                        copies.append(
                            FormCopy(
                                form,
                                str(procedure.get("code")),
                                member.get("id") if member else None,
                                pages,
                            )
                        )
        return copies

    def render(
        self,
        case: Mapping[str, Any],
        procedures: Sequence[Mapping[str, Any]],
        token: str,
        today: date,
        cases: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> bytes:
        """Return the packet as PDF bytes."""
        copies = self.copies(case, procedures, today, cases)
        sheet = GuidanceSheet(
            case,
            plan_visits(procedures, self.offices),
            self.offices,
            token,
            self.municipality,
            today,
            self.fonts,
        )

        buffer = io.BytesIO()
        canvas = Canvas(buffer, initialFontName=self.fonts.label, invariant=True)
        canvas.setTitle("手続き案内票と届出書")
        canvas.setAuthor(self.municipality)
        canvas.setCreator("madoguchi")
        try:
            page_count = sheet.draw(canvas)
        except PrintError as error:
            raise error.located("手続き案内票") from None
        canvas.showPage()

        on_blank: dict[int, tuple[Path, int]] = {}
        for copy in copies:
            for filled in copy.pages:
                width, height = copy.form.page_size
                canvas.setPageSize((width * MM, height * MM))
                drawing = Sheet(canvas, height)
                if copy.form.blank is None:
                    draw_frame(
                        drawing, copy.form, filled.page, self.fonts, self.municipality
                    )
                else:
                    on_blank[page_count] = (copy.form.blank, filled.page)
                draw_marks(drawing, filled.marks)
                canvas.showPage()
                page_count += 1
        canvas.save()
        return _lay_on_blanks(buffer.getvalue(), on_blank)


def fill(form: FormMap, context: Context, fonts: Fonts) -> list[tuple[FilledPage, ...]]:
    """Place every value of a form; more copies when a table overflows."""
    rows = {table: table.rows.value(context) or [] for table in form.tables}
    copies = max([1, *(math.ceil(len(r) / t.max_rows) for t, r in rows.items())])

    filled: list[tuple[FilledPage, ...]] = []
    for copy in range(copies):
        marks: dict[int, list[Mark]] = {page: [] for page in range(1, form.pages + 1)}
        for field in form.fields:
            marks[field.page] += _marks(form, field, context, fonts)
        for table, members in rows.items():
            chunk = members[copy * table.max_rows : (copy + 1) * table.max_rows]
            for index, member in enumerate(chunk):
                row_context = dataclasses.replace(context, member=member)
                for column in table.row(index):
                    marks[table.page] += _marks(form, column, row_context, fonts)
        filled.append(
            tuple(FilledPage(form, page, tuple(marks[page])) for page in sorted(marks))
        )
    return filled


def _marks(form: FormMap, field: Field, context: Context, fonts: Fonts) -> list[Mark]:
    if field.source is None:
        return []
    try:
        return place(field, field.source.value(context), fonts)
    except PrintError as error:
        raise error.located(form.title, field.label) from None


def _lay_on_blanks(overlay: bytes, on_blank: Mapping[int, tuple[Path, int]]) -> bytes:
    """Put each overlay page that belongs to a blank form on its blank page.

    A blank page becomes a form XObject drawn first on the overlay page.
    Unlike pypdf's merge_page, this leaves both content streams unparsed,
    which is most of the packet's time saved.
    """
    if not on_blank:
        return overlay
    writer = PdfWriter(clone_from=io.BytesIO(overlay))
    drawn: dict[tuple[Path, int], IndirectObject] = {}
    under = writer._add_object(_stream(b"q /MadoguchiBlank Do Q\n"))
    for index, (path, number) in on_blank.items():
        if (path, number) not in drawn:
            blank = _blank_pages(path, path.stat().st_mtime_ns)[number - 1]
            drawn[(path, number)] = writer._add_object(_form_xobject(blank, writer))
        page = writer.pages[index]
        resources = cast(DictionaryObject, page[NameObject("/Resources")].get_object())
        xobjects = resources.setdefault(NameObject("/XObject"), DictionaryObject())
        xobjects.get_object()[NameObject("/MadoguchiBlank")] = drawn[(path, number)]
        # raw_get keeps the reference: a stream inside an array must be one.
        contents = page.raw_get(NameObject("/Contents"))
        existing = list(contents) if isinstance(contents, ArrayObject) else [contents]
        page[NameObject("/Contents")] = ArrayObject([under, *existing])
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _stream(data: bytes) -> StreamObject:
    stream = StreamObject()
    stream.set_data(data)
    return stream


def _form_xobject(page: PageObject, writer: PdfWriter) -> StreamObject:
    """Return a blank page as a form XObject, its content left encoded."""
    contents = page[NameObject("/Contents")].get_object()
    if isinstance(contents, ArrayObject):
        data = b"\n".join(part.get_object().get_data() for part in contents)
        form = _stream(data)
    else:
        contents = cast(StreamObject, contents)
        form = StreamObject()
        form._data = contents._data
        if "/Filter" in contents:
            form[NameObject("/Filter")] = contents["/Filter"].clone(writer)
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): page.mediabox.clone(writer),
            NameObject("/Resources"): page[NameObject("/Resources")].clone(writer),
        }
    )
    return form


@functools.lru_cache(maxsize=64)
def _blank_pages(path: Path, modified: int) -> list[PageObject]:
    """Read a blank form once (again when the file changes)."""
    return list(PdfReader(path).pages)
