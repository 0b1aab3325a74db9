"""Draw the demo city's blank forms from their maps.

みほん市 does not exist, so neither do its forms: this draws them, in the
city's house style (title, 受付 stamp box, ruled fields, notes, form
number), as the blank PDFs a real municipality would scan or export from
its own artwork. ``madoguchi draw_blank_forms`` writes them into the pack;
they are committed so that the packet is printed on them as on any
municipality's blanks. The maps are the single source of the geometry, so
a blank and its fields always agree.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from madoguchi.packs.reading import read_yaml
from madoguchi.paperwork.drawing import Sheet, draw_frame
from madoguchi.paperwork.fields import label_in
from madoguchi.paperwork.fonts import Fonts
from madoguchi.paperwork.forms import MM, Box, FormMap, load_forms


def draw_blank_forms(pack_dir: Path, fonts: Fonts) -> list[Path]:
    """Draw every blank PDF the pack's form maps name; return their paths."""
    city = read_yaml(Path(pack_dir) / "municipality.yaml").get("municipality") or {}
    municipality = str(city.get("name", ""))
    drawn = []
    for form in load_forms(pack_dir, require_blanks=False):
        if form.blank is not None:
            draw_blank(form, form.blank, fonts, municipality)
            drawn.append(form.blank)
    return drawn


def draw_blank(form: FormMap, path: Path, fonts: Fonts, municipality: str) -> None:
    """Draw one blank form to path."""
    width, height = form.page_size
    canvas = Canvas(
        str(path),
        pagesize=(width * MM, height * MM),
        initialFontName=fonts.label,
        invariant=True,
    )
    canvas.setTitle(f"{form.title}(白紙)")
    canvas.setAuthor(municipality)
    for page in range(1, form.pages + 1):
        sheet = Sheet(canvas, height)
        footer = f"{municipality} 様式 {form.code}(見本の市の様式です)"
        draw_frame(sheet, form, page, fonts, municipality, footer=footer)
        if page == 1:
            stamp = Box(width - 38, 6, 26, 26)
            sheet.rect(stamp, width=0.8)
            sheet.text(
                label_in(
                    Box(stamp.x, stamp.y, stamp.width, 5), "受付", 8, fonts, "center"
                )
            )
            sheet.line(12, 36, width - 12, 36, width=1.2)
        canvas.showPage()
    canvas.save()
