"""Every demo form, filled for the 髙橋 family: each value stands in its box."""

from datetime import date
from typing import Any

import pytest
from django.conf import settings

from madoguchi.paperwork.fields import tick_square
from madoguchi.paperwork.forms import Field, FormMap, load_forms
from madoguchi.paperwork.tests.conftest import TOKEN, circled, text_in

VISIT = date(2026, 3, 30)

# What a clerk reads on the printed form, written out by hand.
PEOPLE = {
    "p1": {
        "name": "髙橋 健一",
        "kana": "タカハシ ケンイチ",
        "born": "昭和61年4月3日",
        "sex": "M",
        "relationship": "世帯主",
        "age": "39",
        "school": None,
    },
    "p2": {
        "name": "髙橋 美咲",
        "kana": "タカハシ ミサキ",
        "born": "平成元年2月14日",
        "sex": "F",
        "relationship": "妻",
        "age": "37",
        "school": None,
    },
    "p3": {
        "name": "髙橋 陽菜",
        "kana": "タカハシ ヒナ",
        "born": "令和7年11月20日",
        "sex": "F",
        "relationship": "子",
        "age": "0",
        "school": "未就学",
    },
    "p4": {
        "name": "髙橋 蓮",
        "kana": "タカハシ レン",
        "born": "平成28年6月15日",
        "sex": "M",
        "relationship": "子",
        "age": "9",
        "school": "小学生",
    },
}
NEW_ADDRESS = "北海道みほん市中央町2丁目3番10号"
OLD_ADDRESS = "千葉県ためし市見本台2丁目8番14号"

# The event each form is filled for, where the family's move-in is not one
# of its choices; and who a procedure is for, where not the whole family.
EVENTS = {
    "kokuho_soshitsu": {"event": "move_out"},
    "kokuho_sosaihi": {
        "event": "death",
        "subjects": ["p1"],
        "details": {"funeral_host": "p2"},
    },
}
MEMBERS = {"gakko_tennyu": ["p4"], "kodomo_iryo": ["p3", "p4"]}


def expected(source: str, member: str | None, case: dict[str, Any], code: str) -> Any:
    """Return what a source prints for the family, as a clerk would write it."""
    person = PEOPLE[member] if member else {}
    values = {
        "wareki(today)": "令和8年3月30日",
        "wareki(event_date)": "令和8年3月25日",
        "event": case["event"],
        "procedure.code": code,
        "phone": "0155-00-1234",
        "head.name": "髙橋 健一",
        "katakana(head.name_kana)": "タカハシ ケンイチ",
        "wareki(head.birth_date)": "昭和61年4月3日",
        "host.name": "髙橋 美咲",
        "katakana(host.name_kana)": "タカハシ ミサキ",
        "host.relationship": "妻",
        "new_address.address": NEW_ADDRESS,
        "new_address.katagaki": "みほんハイツ 203号室",
        "digits(new_address.postal_code)": "0999901",
        "previous_address.address": OLD_ADDRESS,
        "previous_address.katagaki": "ためしコーポ 101",
        "address.address": NEW_ADDRESS,
        "member.name": person.get("name"),
        "katakana(member.name_kana)": person.get("kana"),
        "wareki(member.birth_date)": person.get("born"),
        "member.sex": person.get("sex"),
        "member.relationship": person.get("relationship"),
        "member.school_stage": person.get("school"),
        "age(member)": person.get("age"),
    }
    if source not in values:
        pytest.fail(f"the test does not know what {source!r} prints: add it")
    return values[source]


def _case(family: dict[str, Any], form: FormMap) -> dict[str, Any]:
    case = dict(family["case"])
    case["address"] = dict(case["new_address"])
    case.update(EVENTS.get(form.code, {}))
    return case


def _check(page: Any, field: Field, value: Any) -> None:
    where = f"{field.label} on page {page.page_number}"
    if field.choice is not None:
        for (key, _), slot in zip(field.choice, field.option_boxes(), strict=True):
            assert circled(page, slot) == (key == value), f"{where}: {key}"
    elif field.tick is not None:
        assert circled(page, tick_square(field.box)) == (value == field.tick), where
    elif field.cells is not None:
        characters = list(value or "")
        for index, cell in enumerate(field.cell_boxes()):
            wanted = characters[index] if index < len(characters) else ""
            assert text_in(page, cell) == wanted, f"{where}: cell {index + 1}"
    else:
        assert text_in(page, field.box) == (value or ""), where


def _rows(source: str, case: dict[str, Any], procedure: dict[str, Any]) -> list[str]:
    return {
        "movers": case["subjects"],
        "subjects": case["subjects"],
        "members": procedure["members"],
        "children": ["p3", "p4"],
    }[source]


FORMS = {form.code: form for form in load_forms(settings.MADOGUCHI_PACK_DIR)}


@pytest.mark.parametrize("code", sorted(FORMS))
def test_every_value_stands_in_its_box(code, packet, family, read_pdf):
    form = FORMS[code]
    case = _case(family, form)
    procedure = {
        "code": form.serves[0],
        "name": form.title,
        "members": MEMBERS.get(code, ["p1", "p2", "p3", "p4"]),
        "counter": "shimin-1",
    }
    people = procedure["members"] if form.per_person else [None]

    pdf = read_pdf(packet.render(case, [procedure], TOKEN, VISIT))

    form_pages = pdf.pages[len(pdf.pages) - len(people) * form.pages :]
    for copy, member in enumerate(people):
        pages = form_pages[copy * form.pages : (copy + 1) * form.pages]
        for field in form.fields:
            if field.source is None:
                # Left for the resident's hand (a signature, a seal, 個人番号).
                assert text_in(pages[field.page - 1], field.box) == ""
                continue
            value = expected(field.source.text, member, case, procedure["code"])
            _check(pages[field.page - 1], field, value)
        for table in form.tables:
            ids = _rows(table.rows.text, case, procedure)
            for index in range(table.max_rows):
                row_member = ids[index] if index < len(ids) else None
                for column in table.row(index):
                    value = (
                        expected(
                            column.source.text, row_member, case, procedure["code"]
                        )
                        if row_member
                        else None
                    )
                    _check(pages[table.page - 1], column, value)


def test_each_form_serves_its_codes_of_procedures_md():
    served = {code: form.serves for code, form in FORMS.items()}

    assert served == {
        "gakko_tennyu": ("gakko_tennyu",),
        "genki_toroku": ("genki_toroku",),
        "inkan_toroku": ("inkan_toroku",),
        "inu_henko": ("inu_henko",),
        "jidou_nintei": ("jidou_nintei",),
        "jumin_ido": (
            "jumin_tennyu",
            "jumin_tenshutsu",
            "jumin_tenkyo",
            "jumin_kokugai_tennyu",
        ),
        "kaigo_ido": ("kaigo_shutoku", "kaigo_jusho"),
        "kodomo_iryo": ("kodomo_iryo",),
        "koki_ido": ("koki_tennyu", "koki_soshitsu"),
        "kokuho_shutoku": ("kokuho_kanyu",),
        "kokuho_sosaihi": ("kokuho_sosaihi",),
        "kokuho_soshitsu": ("kokuho_dattai",),
        "nenkin_kankei": (
            "nenkin_shutoku",
            "nenkin_shubetsu",
            "nenkin_kaigai",
            "nenkin_shimei",
        ),
        "shogai_jusho": ("shogai_jusho",),
    }
