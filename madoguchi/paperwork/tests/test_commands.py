"""``madoguchi packet`` and ``madoguchi draw_blank_forms``."""

import json
import shutil
import sys
import types
from pathlib import Path

import pdfplumber
import pypdf
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from madoguchi.paperwork.blanks import draw_blank_forms
from madoguchi.paperwork.tests.conftest import DATA


class _Answer:
    def __init__(self, procedures):
        self._procedures = procedures

    def as_json(self):
        return {"procedures": self._procedures, "missing": []}


@pytest.fixture
def navigator(monkeypatch, family):
    """Stand in for the navigator with the family's listed procedures."""
    asked = []

    def navigate(case, pack_dir=None, *, today=None):
        asked.append(case)
        return _Answer(family["procedures"])

    module = types.ModuleType("madoguchi.navigator.service")
    module.navigate = navigate
    module.CaseFileError = type("CaseFileError", (ValueError,), {})
    monkeypatch.setitem(sys.modules, "madoguchi.navigator.service", module)
    return asked


def test_packet_prints_what_the_navigator_lists(navigator, tmp_path):
    out = tmp_path / "packet.pdf"

    call_command("packet", str(DATA / "takahashi_move_in.json"), out=str(out))

    pages = pypdf.PdfReader(out).pages
    assert navigator[0]["event"] == "move_in"
    assert len(pages) == 12
    assert "手続き案内票" in pages[0].extract_text()


def test_packet_can_leave_out_what_is_only_offered(navigator, tmp_path):
    out = tmp_path / "packet.pdf"

    call_command(
        "packet", str(DATA / "takahashi_move_in.json"), out=str(out), must_only=True
    )

    text = "".join(page.extract_text() for page in pypdf.PdfReader(out).pages)
    assert "印鑑登録申請書" not in text


def test_packet_reads_a_bare_case_file_too(navigator, tmp_path, family):
    bare = tmp_path / "case.json"
    bare.write_text(json.dumps(family["case"], ensure_ascii=False), encoding="utf-8")

    call_command("packet", str(bare), out=str(tmp_path / "packet.pdf"))

    assert navigator[0] == family["case"]


def test_packet_says_so_when_the_navigator_is_not_there(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "madoguchi.navigator.service", None)

    with pytest.raises(CommandError, match="手続きナビ"):
        call_command(
            "packet", str(DATA / "takahashi_move_in.json"), out=str(tmp_path / "p.pdf")
        )


def test_packet_names_a_broken_case_file(tmp_path):
    broken = tmp_path / "case.json"
    broken.write_text('{"event": "move_in",\n "subjects": [}', encoding="utf-8")

    with pytest.raises(CommandError, match="case.json:2: JSON として読めません"):
        call_command("packet", str(broken), out=str(tmp_path / "p.pdf"))


def _drawing(path):
    """Return what a PDF shows: its characters and rules, with positions."""
    with pdfplumber.open(path) as pdf:
        return [
            (
                sorted(
                    (c["text"], round(c["x0"]), round(c["top"])) for c in page.chars
                ),
                sorted(
                    (round(r["x0"]), round(r["top"]), round(r["width"]))
                    for r in page.rects
                ),
            )
            for page in pdf.pages
        ]


def test_the_committed_blank_forms_are_what_their_maps_draw(packet, tmp_path):
    pack = Path(settings.MADOGUCHI_PACK_DIR)
    shutil.copytree(pack, tmp_path / "pack", ignore=shutil.ignore_patterns("*.pdf"))

    drawn = draw_blank_forms(tmp_path / "pack", packet.fonts)

    assert len(drawn) == 12
    for path in drawn:
        committed = pack / "forms" / path.name
        assert _drawing(path) == _drawing(committed), (
            f"{committed.name} is out of date: run `madoguchi draw_blank_forms`"
        )
