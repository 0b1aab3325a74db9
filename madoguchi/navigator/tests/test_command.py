"""``madoguchi navi FILE``: what the clerk reads, and a bad file's errors."""

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from madoguchi.navigator.tests.conftest import TINY_PACK, family


def navi(case: dict[str, Any], tmp_path: Path, *options: str) -> str:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
    out = io.StringIO()
    call_command("navi", str(path), "--pack", str(TINY_PACK), *options, stdout=out)
    return out.getvalue()


def test_the_text_is_what_a_clerk_reads(tmp_path: Path) -> None:
    case = family()
    case["household"][0]["name"] = "見本 太郎"

    text = navi(case, tmp_path)

    assert text.startswith(
        "出来事: 転入(move_in)  世帯 4人  対象者: 見本 太郎(p1)、p2、p3、p4\n"
        "出来事の日: 令和8年4月1日(水)  来庁日: 令和8年4月8日(水)\n"
        "\n"
        "手続 7件(必須 6、任意 1)\n"
        "\n"
        "[必須] 転入届(jumin_tennyu)\n"
        "  対象者: 見本 太郎(p1)、p2、p3、p4\n"
        "  期限: 令和8年4月15日(水)まで(出来事の日の翌日から数えて14日以内)\n"
        "  窓口: 市民課 1番 住民異動・印鑑登録(1階)\n"
        "  持ち物: 本人確認書類、転出証明書\n"
        "  理由: 他の市区町村から引っ越してきたため\n"
    )
    assert (
        "[任意] 印鑑登録(inkan_toroku)\n  対象者: 見本 太郎(p1)、p2\n  期限: なし\n"
        in text
    )


def test_open_questions_close_the_text(tmp_path: Path) -> None:
    case = family(subjects=["p1", "p2"])
    del case["household"][1]["health_insurance"]
    del case["event_date"]

    text = navi(case, tmp_path)

    assert "  対象者: p1、p2〔任意〕\n" in text
    assert (
        "  未確定: household[1].health_insurance が分かると必須かどうかが決まります\n"
        in text
    )
    assert (
        "期限: 出来事の日が未入力のため未計算(出来事の日の翌日から数えて14日以内)"
        in text
    )
    assert text.endswith(
        "確認が必要なこと 1件\n"
        "  ・p2: 今加入している健康保険は何ですか?(国民健康保険 / 社会保険(健康保険) / "
        "共済組合 / 後期高齢者医療 / 加入していない) [household[1].health_insurance]\n"
        "\n"
        "お知らせ\n"
        "  ・出来事の日(event_date)が入力されていないため、"
        "出来事の日から数える期限は計算していません。\n"
    )


def test_json_is_the_answer_format(tmp_path: Path) -> None:
    answer = json.loads(navi(family(), tmp_path, "--format", "json"))

    assert set(answer) == {"procedures", "missing", "notices"}
    assert answer["procedures"][0]["code"] == "jumin_tennyu"
    assert answer["procedures"][0]["deadline"] == "2026-04-15"


def test_explain_shows_every_procedure_of_the_event(tmp_path: Path) -> None:
    text = navi(family(), tmp_path, "--explain")

    explanation = text[text.index("転入の手続") :]
    assert explanation.startswith("転入の手続 9件を判定しました")
    assert (
        "× 後期高齢者医療 転入(koki_tennyu) → 対象外  [for: subjects]\n"
        "    must: member.age >= 75\n"
        "    may:  member.age >= 65 and member.flags.has_disability_certificate\n"
        "      p1: must=false  may=false\n"
    ) in explanation
    assert "○ 印鑑登録(inkan_toroku) → 任意" in explanation
    assert "      p3: must=false  may=false\n" in explanation


def test_explain_in_json_shows_the_unknowns(tmp_path: Path) -> None:
    case = family(subjects=["p5"])
    case["household"].append({"id": "p5", "relationship": "父", "age": 70, "sex": "M",
                              "health_insurance": "国保"})  # fmt: skip

    found = json.loads(navi(case, tmp_path, "--format", "json", "--explain"))

    kaigo = next(e for e in found["explanation"] if e["code"] == "kaigo_shutoku")
    assert kaigo["necessity"] == "may"
    assert kaigo["verdicts"] == [
        {"member": "p5", "must": "不明(details.into_care_facility)", "may": None}
    ]


def test_a_bad_case_file_lists_every_error(tmp_path: Path) -> None:
    case = family()
    case["household"][2]["pension"] = "4号"
    case["subjects"] = ["p9"]

    with pytest.raises(CommandError) as error:
        navi(case, tmp_path)

    assert str(error.value).splitlines() == [
        "事案ファイルに誤りが 2 件あります。",
        "household[2].pension: '4号' は選べません(選べるのは 1号, 2号, 3号, none)",
        "subjects[0]: 'p9' という世帯員はいません(household の id を書きます)",
    ]


def test_a_file_that_is_not_json_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_text('{\n  "event": move_in\n}\n', encoding="utf-8")

    with pytest.raises(CommandError, match=r"case\.json:2: JSONとして読めません"):
        call_command("navi", str(path), "--pack", str(TINY_PACK))
    with pytest.raises(CommandError, match="ファイルがありません"):
        call_command("navi", str(tmp_path / "none.json"))


def test_the_console_command_exits_non_zero_on_a_bad_file(tmp_path: Path) -> None:
    case = family()
    del case["household"][0]["sex"]
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    madoguchi = Path(sys.executable).with_name("madoguchi")

    done = subprocess.run(
        [str(madoguchi), "navi", str(path), "--pack", str(TINY_PACK)],
        capture_output=True,
        text=True,
        check=False,
    )

    assert done.returncode == 1
    assert "household[0].sex: 必須の項目がありません" in done.stderr
    assert done.stdout == ""
