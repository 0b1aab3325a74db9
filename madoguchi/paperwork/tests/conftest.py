"""Fixtures for the paperwork tests: the demo pack's packet and a family."""

import copy
import io
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from django.conf import settings

from madoguchi.paperwork.errors import PrintError
from madoguchi.paperwork.forms import MM, Box
from madoguchi.paperwork.packet import Packet
from madoguchi.paperwork.service import font_files, packet_for

DATA = Path(__file__).with_name("data")
TOKEN = "tK4-q9ZbW2xLm7Rf"


@pytest.fixture(scope="session")
def packet() -> Packet:
    """Load the demo pack and the fonts, or say which package is missing."""
    try:
        return packet_for(Path(settings.MADOGUCHI_PACK_DIR), font_files())
    except PrintError as error:
        # Like the browser tests: skipped on a developer's machine without
        # the Debian fonts (`make test` installs them as root), never in CI.
        if os.environ.get("CI"):
            pytest.fail(str(error))
        pytest.skip(str(error))


@pytest.fixture
def family() -> dict[str, Any]:
    """The 髙橋 family of four moving in, with the procedures listed for it."""
    document = json.loads((DATA / "takahashi_move_in.json").read_text("utf-8"))
    return copy.deepcopy(document)


@pytest.fixture
def read_pdf() -> Callable[[bytes], Any]:
    opened: list[Any] = []

    def read(pdf: bytes) -> Any:
        document = pdfplumber.open(io.BytesIO(pdf))
        opened.append(document)
        return document

    yield read
    for document in opened:
        document.close()


def text_in(page: Any, box: Box) -> str:
    """Return the text whose characters stand inside a box, line by line."""
    x0, x1 = box.x * MM, (box.x + box.width) * MM
    top, bottom = box.y * MM, (box.y + box.height) * MM
    inside = [
        char
        for char in page.chars
        if x0 <= (char["x0"] + char["x1"]) / 2 <= x1
        and top <= (char["top"] + char["bottom"]) / 2 <= bottom
    ]
    inside.sort(key=lambda char: (round(char["top"]), char["x0"]))
    return "".join(char["text"] for char in inside)


def circled(page: Any, box: Box) -> bool:
    """Tell whether a circle is drawn centred inside a box."""
    for curve in page.curves:
        x = (curve["x0"] + curve["x1"]) / 2 / MM
        y = (curve["top"] + curve["bottom"]) / 2 / MM
        if box.x < x < box.x + box.width and box.y < y < box.y + box.height:
            return True
    return False
