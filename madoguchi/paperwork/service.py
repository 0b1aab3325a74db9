"""The paperwork part's public face: print a household's packet.

render_packet() is what the counter screens and ``madoguchi packet`` call;
load_forms() (in forms.py) is what ``madoguchi pack validate`` checks.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import structlog
from django.conf import settings
from django.utils import timezone

from madoguchi.paperwork.fonts import FontFiles, load_fonts
from madoguchi.paperwork.forms import FormCatalogue, load_forms
from madoguchi.paperwork.packet import Packet
from madoguchi.paperwork.sources import read_date

__all__ = ["FormCatalogue", "load_forms", "render_packet", "font_files", "packet_for"]

log = structlog.get_logger(__name__)


def render_packet(
    case: Mapping[str, Any],
    procedures: Sequence[Mapping[str, Any]],
    token: str,
    *,
    today: date | None = None,
    cases: Mapping[str, Mapping[str, Any]] | None = None,
) -> bytes:
    """Return the guidance sheet and every pre-filled form as one PDF.

    case is a case file (domain/case-file.md) with names and addresses;
    procedures are the navigator's procedures the clerk kept; token is a
    short random single-use token (secrets.token_urlsafe) for the QR code.
    The day printed on forms is the case's visit_date, else today. A visit
    of several events passes each event's case file in cases, by event code.
    """
    started = time.perf_counter()
    packet = packet_for(Path(settings.MADOGUCHI_PACK_DIR), font_files())
    day = today or _visit_day(case)
    pdf = packet.render(case, procedures, token, day, cases)
    log.info(
        "paperwork.packet_rendered",
        procedures=[str(p.get("code")) for p in procedures],
        size=len(pdf),
        milliseconds=round((time.perf_counter() - started) * 1000, 1),
    )
    return pdf


def font_files() -> FontFiles:
    """Return the font paths of the settings."""
    return FontFiles(
        mincho=Path(settings.MADOGUCHI_FONT_MINCHO),
        gothic=Path(settings.MADOGUCHI_FONT_GOTHIC),
        mj=Path(settings.MADOGUCHI_FONT_MJ),
    )


@functools.cache
def packet_for(pack_dir: Path, fonts: FontFiles) -> Packet:
    """Read a pack's forms and load the fonts once per process."""
    return Packet.from_pack(pack_dir, load_fonts(fonts))


def _visit_day(case: Mapping[str, Any]) -> date:
    visit = case.get("visit_date")
    return read_date(visit, "visit_date") if visit else timezone.localdate()
