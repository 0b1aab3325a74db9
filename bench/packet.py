"""Time the packet of a family of four moving in, against WeasyPrint.

Run by ``make bench``. The packet is the guidance sheet and ten form pages
(eight forms, two of them twice) of the synthetic 髙橋 family, with the
procedures listed in its test file. The same pages are also written as HTML
from the same form maps and the same placed values (absolutely positioned
boxes and text, the sheet as flowing HTML) and rendered by WeasyPrint, the
HTML-to-PDF route the project did not take. Both run in this process, on
one core, after a warm-up; the figures are medians.

WeasyPrint is only in the ``bench`` extra; without it the comparison is
skipped with a message and the packet alone is timed.
"""

import argparse
import dataclasses
import html
import io
import json
import logging
import os
import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "madoguchi.settings")
django.setup()

import segno  # noqa: E402
from django.conf import settings  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from madoguchi.paperwork.fields import Circle, Text, Tick  # noqa: E402
from madoguchi.paperwork.forms import Box, Field, FormMap  # noqa: E402
from madoguchi.paperwork.guidance import OUTSIDE, plan_visits  # noqa: E402
from madoguchi.paperwork.packet import FilledPage, Packet  # noqa: E402
from madoguchi.paperwork.service import font_files, packet_for  # noqa: E402

FAMILY = Path("madoguchi/paperwork/tests/data/takahashi_move_in.json")
TOKEN = "bench-token-0123456789"
VISIT = date(2026, 3, 30)
MM = "mm"

_STYLE = """
@page { size: A4; margin: 0 }
body { margin: 0; font-family: "IPAexMincho", "IPAmjMincho"; color: #000 }
.page { position: relative; width: 210mm; height: 297mm; page-break-after: always }
.abs { position: absolute; white-space: nowrap; line-height: 1 }
.box { position: absolute; border: 0.6pt solid #000; box-sizing: border-box }
.label { background: #eee; font-family: "IPAexGothic"; font-size: 9pt; padding: 0.5mm }
.sheet { padding: 10mm 15mm; font-size: 13pt; line-height: 1.45 }
.sheet h1 { font-family: "IPAexGothic"; font-size: 26pt; margin: 0 }
.sheet h2 { font-family: "IPAexGothic"; font-size: 17pt; background: #1f1f1f;
  color: #fff; padding: 1mm 2mm; margin: 4mm 0 2mm }
.sheet h3 { font-family: "IPAexGothic"; font-size: 15pt; margin: 2mm 0 0 }
.sheet p { margin: 0 0 0 9mm }
.qr { position: absolute; right: 15mm; top: 8mm; width: 34mm }
"""


def _mm(value: float) -> str:
    return f"{value:.2f}{MM}"


def _at(box: Box) -> str:
    return (
        f"left:{_mm(box.x)};top:{_mm(box.y)};"
        f"width:{_mm(box.width)};height:{_mm(box.height)}"
    )


def _field_frame(field: Field) -> str:
    parts = []
    if field.label_width > 0:
        label = Box(
            field.box.x - field.label_width,
            field.box.y,
            field.label_width,
            field.box.height,
        )
        parts.append(
            f'<div class="box label" style="{_at(label)}">{html.escape(field.label)}</div>'
        )
    parts.append(f'<div class="box" style="{_at(field.box)}"></div>')
    for cell in field.cell_boxes():
        parts.append(f'<div class="box" style="{_at(cell)};border-width:0.3pt"></div>')
    for (_, option), slot in zip(
        field.choice or (), field.option_boxes(), strict=False
    ):
        parts.append(
            f'<div class="abs" style="{_at(slot)};text-align:center;'
            f'padding-top:2mm;font-size:10pt">{html.escape(option)}</div>'
        )
    return "".join(parts)


def _page_html(form: FormMap, filled: FilledPage) -> str:
    """Write one form page: its frame from the map, then its placed values."""
    parts = [
        f'<div class="abs" style="left:10mm;top:6mm;width:190mm;text-align:center;'
        f'font-family:IPAexGothic;font-size:18pt">{html.escape(form.title)}</div>'
    ]
    for field in form.fields:
        if field.page == filled.page:
            parts.append(_field_frame(field))
    for table in form.tables:
        if table.page == filled.page:
            for index in range(table.max_rows):
                parts.extend(
                    _field_frame(dataclasses.replace(column, label_width=0))
                    for column in table.row(index)
                )
    for mark in filled.marks:
        if isinstance(mark, Text):
            top = mark.baseline - mark.size * 0.88 / 72 * 25.4
            parts.append(
                f'<div class="abs" style="left:{_mm(mark.x)};top:{_mm(top)};'
                f'font-size:{mark.size:.2f}pt">{html.escape(mark.text)}</div>'
            )
        elif isinstance(mark, Circle):
            box = Box(
                mark.x - mark.radius,
                mark.y - mark.radius,
                2 * mark.radius,
                2 * mark.radius,
            )
            parts.append(
                f'<div class="box" style="{_at(box)};border-radius:50%"></div>'
            )
        elif isinstance(mark, Tick):
            parts.append(f'<div class="abs" style="{_at(mark.box)}">✓</div>')
    return f'<div class="page">{"".join(parts)}</div>'


def _sheet_html(packet: Packet, case: dict[str, Any], procedures: list[Any]) -> str:
    """Write the guidance sheet as flowing HTML."""
    qr = segno.make(TOKEN, error="m").svg_data_uri(border=0)
    head = next(m for m in case["household"] if m["relationship"] == "世帯主")
    parts = [
        '<div class="sheet">',
        f'<img class="qr" src="{qr}">',
        "<h1>手続き案内票</h1>",
        f"<div style='font-size:18pt'>{html.escape(head['name'])} 様</div>",
        "<div>上から順に、番号の窓口へお進みください。</div>",
    ]
    for number, stop in enumerate(plan_visits(procedures, packet.offices)):
        counter = stop.counter
        heading = (
            OUTSIDE
            if counter is None
            else f"{number + 1}. {counter.floor} {counter.number}番窓口 {counter.department}"
        )
        parts.append(f"<h2>{html.escape(heading)}</h2>")
        for procedure in stop.procedures:
            parts.append(f"<h3>□ {html.escape(procedure['name'])}</h3>")
            for label, key in (("期限", "deadline"), ("理由", "reason")):
                if procedure.get(key):
                    parts.append(f"<p>{label}: {html.escape(str(procedure[key]))}</p>")
            if procedure.get("bring"):
                parts.append(
                    f"<p>持ち物: {html.escape('、'.join(procedure['bring']))}</p>"
                )
    parts.append("</div>")
    return "".join(parts)


def packet_html(packet: Packet, case: dict[str, Any], procedures: list[Any]) -> str:
    """Write the whole packet as one HTML document."""
    pages = [
        _page_html(copy.form, filled)
        for copy in packet.copies(case, procedures, VISIT)
        for filled in copy.pages
    ]
    body = _sheet_html(packet, case, procedures) + "".join(pages)
    return f"<html><head><style>{_STYLE}</style></head><body>{body}</body></html>"


def _median_ms(run: Callable[[], object], times: int, warm: int) -> float:
    for _ in range(warm):
        run()
    timings = []
    for _ in range(times):
        started = time.perf_counter()
        run()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30, help="timed runs of each")
    parser.add_argument("--out", type=Path, default=Path("bench/results"))
    options = parser.parse_args()

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    family = json.loads(FAMILY.read_text(encoding="utf-8"))
    case, procedures = family["case"], family["procedures"]
    packet = packet_for(Path(settings.MADOGUCHI_PACK_DIR), font_files())

    pdf = packet.render(case, procedures, TOKEN, VISIT)
    forms = {copy.form.code for copy in packet.copies(case, procedures, VISIT)}
    ours = _median_ms(
        lambda: packet.render(case, procedures, TOKEN, VISIT), options.runs, 3
    )
    report: dict[str, Any] = {
        "forms": len(forms),
        "pages": len(PdfReader(io.BytesIO(pdf)).pages),
        "bytes": len(pdf),
        "packet_ms": round(ours, 1),
    }
    print(
        f"\npacket of a family of four moving in: {len(forms)} forms and the sheet, "
        f"{report['pages']} pages, median of {options.runs} on one core"
    )
    print(f"{'ReportLab + pypdf (madoguchi)':<34}{ours:>9.1f} ms")

    # WeasyPrint reports every step of every page, from its import on, at INFO.
    logging.disable(logging.INFO)
    try:
        import weasyprint
    except ImportError:
        print(
            "WeasyPrint is not installed: the comparison is skipped. "
            "Install the bench extra: .venv/bin/pip install -e '.[bench]'"
        )
    else:
        document = packet_html(packet, case, procedures)
        runs = max(5, options.runs // 3)
        theirs = _median_ms(
            lambda: weasyprint.HTML(string=document).write_pdf(), runs, 1
        )
        rendered = weasyprint.HTML(string=document).write_pdf()
        report |= {
            "weasyprint_pages": len(PdfReader(io.BytesIO(rendered)).pages),
            "weasyprint_ms": round(theirs, 1),
            "ratio": round(theirs / ours, 1),
        }
        print(f"{'WeasyPrint, same pages as HTML':<34}{theirs:>9.1f} ms")
        print(f"{'ratio':<34}{theirs / ours:>9.1f} ×")

    options.out.mkdir(parents=True, exist_ok=True)
    (options.out / "packet.json").write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
