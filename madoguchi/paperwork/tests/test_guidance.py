"""The guidance sheet: counters in walking order, large type, a token QR."""

from datetime import date

import pytest
import segno

from madoguchi.paperwork.errors import PrintError
from madoguchi.paperwork.fields import break_lines, width_of
from madoguchi.paperwork.forms import MM
from madoguchi.paperwork.tests.conftest import TOKEN

VISIT = date(2026, 3, 30)


def _sheet_text(pdf):
    """Return the text of the guidance sheet's pages, which come first."""
    texts = []
    for page in pdf.pages:
        text = page.extract_text()
        if not text.startswith("手続き案内票"):
            break
        texts.append(text)
    return "\n".join(texts)


def test_counters_come_in_the_order_a_resident_walks_them(packet, family, read_pdf):
    procedures = family["procedures"]
    # The navigator's order is not the walking order: shuffle it.
    procedures = procedures[::-1] + [
        {
            "code": "shaho_fuyo",
            "name": "健康保険 被扶養者(異動)届",
            "members": ["p3"],
            "department": "被保険者の勤務先",
            "outside": True,
            "necessity": "must",
        }
    ]

    pdf = read_pdf(packet.render(family["case"], procedures, TOKEN, VISIT))
    text = _sheet_text(pdf)

    headings = [
        "① 1階 1番窓口 市民課",
        "② 1階 3番窓口 市民課",
        "③ 1階 5番窓口 保険年金課",
        "④ 2階 8番窓口 子育て支援課",
        "⑤ 2階 14番窓口 税務課",
        "⑥ 3階 21番窓口 学校教育課",
        "⑦ 3階 22番窓口 環境衛生課",
        "市役所以外での手続き",
    ]
    flat = text.replace("\u3000", " ")
    positions = [flat.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert flat.index("行き先: 被保険者の勤務先") > positions[-1]


def test_each_procedure_shows_deadline_in_wareki_people_and_what_to_bring(
    packet, family, read_pdf
):
    pdf = read_pdf(packet.render(family["case"], family["procedures"], TOKEN, VISIT))
    text = _sheet_text(pdf)

    assert "転入届" in text
    assert "期限: 令和8年4月8日(水)まで" in text
    assert "対象: 髙橋 健一、髙橋 美咲、髙橋 陽菜、髙橋 蓮" in text
    assert "理由: 他の市町村から引っ越してきたため" in text
    assert "持ち物: 在学証明書、教科用図書給与証明書" in text
    assert "印鑑登録(必要な方のみ)" in text


def test_the_sheet_is_for_the_one_who_files_not_the_deceased(packet, family, read_pdf):
    case = family["case"] | {"event": "death", "subjects": ["p1"], "details": {}}

    widow = _sheet_text(read_pdf(packet.render(case, [], TOKEN, VISIT)))
    case["details"] = {"informant": "p3"}
    daughter = _sheet_text(read_pdf(packet.render(case, [], TOKEN, VISIT)))

    assert "髙橋 美咲 様" in widow and "髙橋 健一 様" not in widow
    assert "髙橋 陽菜 様" in daughter
    moving = _sheet_text(
        read_pdf(packet.render(family["case"], family["procedures"], TOKEN, VISIT))
    )
    assert "髙橋 健一 様" in moving


def test_the_sheet_is_large_type(packet, family, read_pdf):
    pdf = read_pdf(packet.render(family["case"], family["procedures"], TOKEN, VISIT))

    for page in pdf.pages[:2]:
        sizes = {round(char["size"], 1) for char in page.chars}
        assert min(sizes) >= 12
        body = [c for c in page.chars if c["text"] == "期"]
        assert body and all(c["size"] >= 13 for c in body)


def test_the_qr_code_carries_the_token_and_nothing_else(packet, family, read_pdf):
    pdf = read_pdf(packet.render(family["case"], family["procedures"], TOKEN, VISIT))
    page = pdf.pages[0]

    # The QR's modules are the small filled squares at the top right.
    modules = [r for r in page.rects if r["width"] < 6 and r["x0"] > 100 * MM]
    size = modules[0]["width"]
    left = min(r["x0"] for r in modules)
    top = min(r["top"] for r in modules)
    drawn = {
        (round((r["top"] - top) / size), round((r["x0"] - left) / size))
        for r in modules
    }
    matrix = segno.make(TOKEN, error="m", micro=False).matrix
    dark = {
        (row, column)
        for row, cells in enumerate(matrix)
        for column, cell in enumerate(cells)
        if cell
    }
    offset = (min(r for r, _ in dark), min(c for _, c in dark))
    assert drawn == {(r - offset[0], c - offset[1]) for r, c in dark}


@pytest.mark.parametrize("token", ["髙橋健一", "short", "tK4 q9ZbW2xLm7Rf", "x" * 65])
def test_a_token_that_may_be_data_is_refused(packet, family, token):
    with pytest.raises(PrintError, match="受付トークンだけ"):
        packet.render(family["case"], family["procedures"], token, VISIT)


def test_no_line_of_text_starts_with_a_comma_or_full_stop() -> None:
    def shaper(text: str) -> list[tuple[str, str]]:
        # Every character as wide as an "m", so the break falls where counted.
        return [("Helvetica", "m" * len(text))]

    text = "教育委員会で転入学の通知書を受け取り、学校に出します。"
    first_line = "教育委員会で転入学の通知書を受け取り"
    room = width_of(tuple(shaper(first_line)), 10) + 0.1
    lines = [line for line, _ in break_lines(text, 10, room, shaper)]

    assert len(lines) == 2
    assert lines[0].endswith("受け取り、")
    assert not any(line[0] in "、。" for line in lines)
