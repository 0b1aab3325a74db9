"""The packet as a whole: order, copies, both routes, and poppler."""

import os
import shutil
import subprocess
from datetime import date

import pytest

from madoguchi.paperwork.service import render_packet
from madoguchi.paperwork.tests.conftest import TOKEN

VISIT = date(2026, 3, 30)


@pytest.fixture
def poppler():
    """Need poppler's tools, as a resident's PDF reader would open the file."""
    if not shutil.which("pdftotext") or not shutil.which("pdffonts"):
        message = (
            "poppler-utils is not installed: run `sudo apt-get install poppler-utils`"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def _title(page):
    """Return a form's title: its first line, after the blank's 受付 box."""
    lines = page.extract_text().split("\n")
    return lines[1] if lines[0] == "受付" else lines[0]


def _titles(pdf, first):
    return [_title(page) for page in pdf.pages[first:]]


def test_the_sheet_comes_first_then_each_form_per_household_or_person(
    packet, family, read_pdf
):
    pdf = read_pdf(packet.render(family["case"], family["procedures"], TOKEN, VISIT))

    assert pdf.pages[0].extract_text().startswith("手続き案内票")
    assert _titles(pdf, 2) == [
        "住民異動届",
        "印鑑登録申請書",
        "印鑑登録申請書",
        "国民健康保険 被保険者資格取得届",
        "児童手当 認定請求書",
        "子ども医療費 受給資格認定申請書",
        "子ども医療費 受給資格認定申請書",
        "原動機付自転車 標識交付申請書",
        "転入学(就学)届",
        "犬の登録事項変更届",
    ]


def test_a_form_with_a_blank_is_printed_on_it_and_one_without_on_its_map(
    packet, family, read_pdf
):
    pdf = read_pdf(packet.render(family["case"], family["procedures"], TOKEN, VISIT))
    on_blank = pdf.pages[2].extract_text()
    generated = pdf.pages[9].extract_text()

    # The blank's own artwork (its stamp box and form number) is there.
    assert "受付" in on_blank
    assert "様式 jumin_ido" in on_blank
    assert "北海道みほん市中央町2丁目3番10号" in on_blank
    # The generated layout draws the map's labels and its own footer.
    assert "所有者 氏名" in generated
    assert "様式の定義から作成しました" in generated
    assert "髙橋 健一" in generated


def test_rows_beyond_a_table_continue_on_another_copy(packet, family, read_pdf):
    case = family["case"]
    for number in range(5, 7):
        case["household"].append(
            dict(case["household"][3], id=f"p{number}", name=f"髙橋 子{number}")
        )
    case["subjects"] = [m["id"] for m in case["household"]]
    procedure = dict(family["procedures"][0], members=case["subjects"])

    pdf = read_pdf(packet.render(case, [procedure], TOKEN, VISIT))
    copies = [p for p in pdf.pages if _title(p) == "住民異動届"]

    assert len(copies) == 2
    assert "髙橋 子5" in copies[1].extract_text()
    assert "髙橋 子5" not in copies[0].extract_text()


def test_poppler_reads_the_packet_and_every_font_is_an_embedded_subset(
    packet, family, tmp_path, poppler
):
    pdf = tmp_path / "packet.pdf"
    pdf.write_bytes(render_packet(family["case"], family["procedures"], TOKEN))

    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    fonts = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, check=True, text=True
    ).stdout.splitlines()[2:]

    assert "髙橋 健一" in text
    assert "令和8年3月30日" in text
    assert fonts
    for line in fonts:
        name, *_, embedded, subset, unicode, _obj, _gen = line.split()
        assert (embedded, subset, unicode) == ("yes", "yes", "yes"), line
        assert "+" in name
    names = {line.split("+")[1].split()[0] for line in fonts}
    assert names == {"IPAexGothic", "IPAexMincho"}


def test_a_variation_sequence_is_embedded_from_ipamj(packet, family, tmp_path, poppler):
    family["case"]["household"][0]["name"] = "葛\U000e0102城 健一"
    pdf = tmp_path / "packet.pdf"
    pdf.write_bytes(render_packet(family["case"], family["procedures"], TOKEN))

    fonts = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, check=True, text=True
    ).stdout
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout

    assert "IPAmjMincho" in fonts
    assert "葛\U000e0102城 健一" in text


@pytest.mark.parametrize("field", ["visit_date", "event_date"])
def test_a_date_that_is_not_one_is_named(packet, family, field):
    from madoguchi.paperwork.errors import PrintError

    family["case"][field] = "2026-02-30"

    with pytest.raises(PrintError, match=field):
        render_packet(family["case"], family["procedures"], TOKEN)
