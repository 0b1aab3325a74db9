"""Importing the register from a core system's CSV."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from madoguchi.japanese.wareki import PartialDate
from madoguchi.register.importing import ImportRejected, import_residents
from madoguchi.register.models import Household, Resident, Status
from madoguchi.register.numbers import juminhyo_code

pytestmark = pytest.mark.django_db

HEADER = (
    "住民票コード,宛名番号,世帯番号,氏,名,氏フリガナ,名フリガナ,旧氏,旧氏フリガナ,"
    "生年月日,性別,続柄,郵便番号,住所,方書,住民となった年月日,住定日,国籍,在留資格,状態,異動日"
)


def row(n: int, **values: str) -> str:
    fields = {
        "住民票コード": juminhyo_code(100 + n),
        "宛名番号": f"{n:010d}",
        "世帯番号": "0000000001",
        "氏": "髙橋",
        "名": f"一{n}",
        "氏フリガナ": "たかはし",
        "名フリガナ": "イチ",
        "旧氏": "",
        "旧氏フリガナ": "",
        "生年月日": "S50.4.1",
        "性別": "男",
        "続柄": "世帯主",
        "郵便番号": "0999901",
        "住所": "北海道みほん市中央町1丁目2番3号",
        "方書": "",
        "住民となった年月日": "平成12年4月1日",
        "住定日": "2000-04-01",
        "国籍": "",
        "在留資格": "",
        "状態": "",
        "異動日": "",
    } | values
    return ",".join(fields.values())


def csv_text(*rows: str) -> io.StringIO:
    return io.StringIO("\n".join([HEADER, *rows]) + "\n")


def test_a_good_file_loads_residents_and_households_as_written() -> None:
    summary = import_residents(
        csv_text(
            row(1),
            row(
                2,
                名="花子",
                名フリガナ="ハナコ",
                性別="2",
                続柄="妻",
                生年月日="昭和10年 月日不詳",
            ),
        )
    )

    assert (summary.created, summary.updated, summary.households) == (2, 0, 1)
    wife = Resident.objects.get(given_name="花子")
    assert wife.family_name == "髙橋"
    assert wife.family_name_kana == "タカハシ"
    assert wife.birth_date == PartialDate(1935)
    assert wife.household.postal_code == "099-9901"
    assert Household.objects.get().members.count() == 2


def test_a_file_with_mistakes_loads_nothing_and_names_each_line_and_column() -> None:
    with pytest.raises(ImportRejected) as rejected:
        import_residents(
            csv_text(
                row(1),
                row(2, 生年月日="S50.2.30"),
                row(3, 性別="不明", 住民票コード="12345678901"),
            )
        )

    messages = [str(error) for error in rejected.value.errors]
    assert any(m.startswith("3行目 生年月日:") and "2月30日" in m for m in messages)
    assert any(m.startswith("4行目 性別:") for m in messages)
    assert any(m.startswith("4行目 住民票コード:") for m in messages)
    assert not Resident.objects.exists()
    assert not Household.objects.exists()


def test_an_unknown_or_missing_column_is_rejected_before_any_row() -> None:
    header = HEADER.replace("生年月日", "誕生日")
    with pytest.raises(ImportRejected) as rejected:
        import_residents(io.StringIO(header + "\n" + row(1) + "\n"))

    messages = [str(error) for error in rejected.value.errors]
    assert "1行目 生年月日: 必須の列がありません" in messages
    assert any(m.startswith("1行目 誕生日:") for m in messages)


def test_a_second_import_updates_and_keeps_history() -> None:
    import_residents(csv_text(row(1)))

    summary = import_residents(csv_text(row(1, 状態="転出", 異動日="R8.11.1")))

    person = Resident.objects.get()
    assert (summary.created, summary.updated) == (0, 1)
    assert person.status == Status.MOVED_OUT
    assert person.history.get().previous["status"] == "resident"


def test_the_command_reports_mistakes_in_japanese(tmp_path: Path) -> None:
    path = tmp_path / "register.csv"
    path.write_text(
        HEADER + "\n" + row(1, 生年月日="H31.5.1") + "\n", encoding="utf-8-sig"
    )

    with pytest.raises(CommandError) as failed:
        call_command("import_residents", str(path))

    assert "2行目 生年月日:" in str(failed.value)
    assert "何も取り込んでいません" in str(failed.value)

    path.write_text(HEADER + "\n" + row(1) + "\n", encoding="utf-8-sig")
    out = io.StringIO()
    call_command("import_residents", str(path), stdout=out)
    assert "新規 1 人" in out.getvalue()
