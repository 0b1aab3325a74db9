"""A mistake in a form map is a PackError naming the file, line and rule."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings

from madoguchi.packs.reading import PackError
from madoguchi.paperwork.forms import load_forms

GOOD = """\
title: 試験の届
serves: [jumin_tennyu]
per: household
page_size: A4
fields:
  - label: 氏名
    box: {x: 36, y: 40, width: 60, height: 9}
    source: head.name
"""


def _pack(tmp_path: Path, text: str, blank: bool = False) -> Path:
    forms = tmp_path / "forms"
    forms.mkdir()
    (forms / "shiken.yaml").write_text(text, encoding="utf-8")
    if blank:
        shutil.copy(
            Path(settings.MADOGUCHI_PACK_DIR) / "forms" / "inkan_toroku.pdf",
            forms / "shiken.pdf",
        )
    return tmp_path


def test_the_demo_pack_has_fourteen_forms():
    catalogue = load_forms(settings.MADOGUCHI_PACK_DIR)

    assert len(catalogue) == 14
    assert catalogue.for_procedure("jumin_tenkyo").code == "jumin_ido"
    assert catalogue.for_procedure("mynumber_keizoku") is None


def test_a_good_map_loads(tmp_path):
    (form,) = load_forms(_pack(tmp_path, GOOD))

    assert form.title == "試験の届"
    assert form.blank is None
    assert form.pages == 1


@pytest.mark.parametrize(
    ("change", "line", "reason"),
    [
        (("head.name", "head.nmae"), 8, "'head.nmae' は案件ファイルにありません"),
        (("head.name", "member.name"), 8, "一人ずつの様式"),
        (("head.name", "wareki(head.name)"), 8, "wareki() に 'head.name' は渡せません"),
        (
            ("head.name", "head.birth_date"),
            8,
            "wareki(head.birth_date) と書いてください",
        ),
        (("width: 60", "width: 200"), 7, "ページ(210×297mm)からはみ出しています"),
        (("source:", "sorce:"), 8, "'sorce' という項目はありません"),
        (("per: household", "per: family"), 3, "'per' は household か person です"),
    ],
)
def test_a_mistake_is_named_with_its_line(tmp_path, change, line, reason):
    pack = _pack(tmp_path, GOOD.replace(*change))

    with pytest.raises(PackError) as raised:
        load_forms(pack)

    assert raised.value.path.name == "shiken.yaml"
    assert raised.value.line == line
    assert reason in raised.value.reason


def test_a_page_beyond_the_blank_pdf_is_refused(tmp_path):
    text = GOOD.replace("fields:", "blank: shiken.pdf\nfields:")
    text += "    page: 2\n"
    pack = _pack(tmp_path, text, blank=True)

    with pytest.raises(PackError) as raised:
        load_forms(pack)

    assert raised.value.line == 10
    assert "2ページ目にありますが、様式は1ページです" in raised.value.reason


def test_a_missing_blank_pdf_is_refused(tmp_path):
    pack = _pack(tmp_path, GOOD.replace("fields:", "blank: nai.pdf\nfields:"))

    with pytest.raises(PackError, match="白紙の様式 nai.pdf がありません"):
        load_forms(pack)


def test_two_forms_for_one_procedure_are_refused(tmp_path):
    pack = _pack(tmp_path, GOOD)
    (pack / "forms" / "shiken2.yaml").write_text(GOOD, encoding="utf-8")

    with pytest.raises(PackError, match="手続き 'jumin_tennyu' は様式 'shiken' でも"):
        load_forms(pack)
