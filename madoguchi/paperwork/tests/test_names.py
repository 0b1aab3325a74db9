"""Names print as registered, or the packet is refused before any page."""

from datetime import date
from pathlib import Path

import pytest

from madoguchi.paperwork.errors import PrintError
from madoguchi.paperwork.fonts import FontFiles, Fonts
from madoguchi.paperwork.forms import load_forms
from madoguchi.paperwork.tests.conftest import TOKEN, text_in

VISIT = date(2026, 3, 30)
KATSURAGI = "葛\U000e0102城 花子"


def _inkan(family, names):
    """Return the case with these names and the 印鑑登録 of everyone."""
    case = family["case"]
    for member, name in zip(case["household"], names, strict=False):
        member["name"] = name
    procedure = {
        "code": "inkan_toroku",
        "name": "印鑑登録",
        "members": [m["id"] for m in case["household"]],
        "counter": "shimin-1",
    }
    return case, procedure


def test_variant_kanji_and_a_variation_sequence_print_as_registered(
    packet, family, read_pdf
):
    names = ["髙橋 健一", "山﨑 美咲", "渡邊 陽菜", KATSURAGI]
    case, procedure = _inkan(family, names)
    form = load_forms(packet.catalogue.forms[0].path.parent.parent).get("inkan_toroku")
    name_box = next(f for f in form.fields if f.label == "氏名").box

    pdf = read_pdf(packet.render(case, [procedure], TOKEN, VISIT))

    printed = [text_in(page, name_box) for page in pdf.pages[-4:]]
    assert printed == names
    assert "\U000e0102" in printed[3]


def test_a_variation_sequence_is_drawn_with_its_own_glyph(packet):
    fonts = packet.fonts

    ((font, drawn),) = fonts.value_runs("葛\U000e0102")
    plain = fonts.mj.face.charToGlyph[ord("葛")]

    assert font == fonts.mj.fontName
    assert len(drawn) == 1
    assert fonts.mj.face.charToGlyph[ord(drawn)] != plain


def test_a_character_no_font_has_is_refused_naming_the_field(packet, family):
    case, procedure = _inkan(family, ["髙橋 健\U0010fffd"])

    with pytest.raises(PrintError) as raised:
        packet.render(case, [procedure], TOKEN, VISIT)

    assert raised.value.form == "印鑑登録申請書"
    assert raised.value.field == "氏名"
    assert "U+10FFFD" in str(raised.value)
    assert "印刷できるフォントがありません" in str(raised.value)


def test_a_variation_sequence_the_font_lacks_is_refused(packet, family):
    # IPAmj明朝 has 葛 with E0102 to E0108, not with E0100.
    case, procedure = _inkan(family, ["葛\U000e0100城 花子"])

    with pytest.raises(PrintError) as raised:
        packet.render(case, [procedure], TOKEN, VISIT)

    assert raised.value.field == "氏名"
    assert "U+845B+U+E0100" in str(raised.value)


def test_a_missing_font_names_the_package_to_install(tmp_path: Path):
    with pytest.raises(PrintError, match="fonts-ipamj-mincho"):
        Fonts(FontFiles(mj=tmp_path / "ipamjm.ttf"))


def test_a_name_the_sheet_cannot_print_is_refused_too(packet, family):
    family["case"]["household"][3]["name"] = "髙橋 \U0010fffd"
    procedure = dict(family["procedures"][6], code="gakko_tennyu_sonota")

    with pytest.raises(PrintError) as raised:
        packet.render(family["case"], [procedure], TOKEN, VISIT)

    assert raised.value.form == "手続き案内票"
    assert "U+10FFFD" in str(raised.value)
