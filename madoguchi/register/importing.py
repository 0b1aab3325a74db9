"""Import residents from a CSV exported by a core 住民記録 system.

The file is UTF-8 (with or without BOM) and its first line is this header,
in any column order; columns marked * are required:

    住民票コード*, 宛名番号*, 世帯番号*, 氏*, 名, 氏フリガナ*, 名フリガナ,
    旧氏, 旧氏フリガナ, 生年月日*, 性別*, 続柄*, 郵便番号, 住所*, 方書,
    住民となった年月日, 住定日, 国籍, 在留資格, 状態, 異動日

Dates may be 和暦 or 西暦 (``昭和50年4月1日``, ``S50.4.1``, ``1975-04-01``) and
may be partly unknown (``昭和10年 月日不詳``). 性別 is 男/女 or 1/2; 状態 is
住民/転出/死亡 (default 住民); 国籍 defaults to 日本.

A row is matched to the register by 住民票コード and a household by 世帯番号:
existing ones are updated, keeping their previous state in the history.
The whole file is checked first; if any row is wrong, nothing is loaded and
every mistake is reported with its line number and column.
"""

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from madoguchi.japanese.address import normalise_postal_code
from madoguchi.japanese.errors import JapaneseInputError
from madoguchi.japanese.kana import to_katakana
from madoguchi.japanese.wareki import parse_date
from madoguchi.register.models import Household, Resident, Sex, Status
from madoguchi.register.numbers import is_valid_juminhyo_code

REQUIRED = (
    "住民票コード",
    "宛名番号",
    "世帯番号",
    "氏",
    "氏フリガナ",
    "生年月日",
    "性別",
    "続柄",
    "住所",
)
OPTIONAL = (
    "名", "名フリガナ", "旧氏", "旧氏フリガナ", "郵便番号", "方書",
    "住民となった年月日", "住定日", "国籍", "在留資格", "状態", "異動日",
)  # fmt: skip
_SEX = {
    "男": Sex.MALE,
    "1": Sex.MALE,
    "M": Sex.MALE,
    "女": Sex.FEMALE,
    "2": Sex.FEMALE,
    "F": Sex.FEMALE,
}
_STATUS = {
    "": Status.RESIDENT,
    "住民": Status.RESIDENT,
    "転出": Status.MOVED_OUT,
    "死亡": Status.DECEASED,
}
_DATE_COLUMNS = ("生年月日", "住民となった年月日", "住定日", "異動日")
REASON = "住民記録CSV取込"


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.line}行目 {self.column}: {self.message}"


class ImportRejected(Exception):
    """The file has mistakes; nothing of it was loaded."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


@dataclass(frozen=True)
class ImportSummary:
    created: int
    updated: int
    households: int


def _check_header(header: list[str]) -> list[RowError]:
    known = set(REQUIRED) | set(OPTIONAL)
    errors = [
        RowError(1, column, "必須の列がありません")
        for column in REQUIRED
        if column not in header
    ]
    errors += [
        RowError(1, column, "知らない列です(綴りを確かめてください)")
        for column in header
        if column not in known
    ]
    return errors


def _clean_row(
    line: int, row: dict[str, str], errors: list[RowError]
) -> dict[str, Any]:
    """Turn one CSV row into register values, adding any mistakes to errors."""
    values: dict[str, Any] = {k: (v or "").strip() for k, v in row.items() if k}

    def fail(column: str, message: str) -> None:
        errors.append(RowError(line, column, message))

    for column in REQUIRED:
        if not values.get(column):
            fail(column, "値がありません")
    code = values.get("住民票コード", "")
    if code and not is_valid_juminhyo_code(code):
        fail("住民票コード", "11桁の数字で、末尾の検査数字が合う必要があります")
    for column in ("宛名番号", "世帯番号"):
        if values.get(column) and not values[column].isdigit():
            fail(column, "数字で入力してください")
    for column in _DATE_COLUMNS:
        if values.get(column):
            try:
                values[column] = parse_date(values[column], field=column)
            except JapaneseInputError as error:
                fail(column, error.rule)
        else:
            values[column] = None
    if values.get("性別") and values["性別"] not in _SEX:
        fail("性別", "男・女(または1・2)で入力してください")
    if values.get("状態", "") not in _STATUS:
        fail("状態", "住民・転出・死亡のどれかで入力してください")
    if values.get("郵便番号"):
        try:
            values["郵便番号"] = normalise_postal_code(values["郵便番号"])
        except JapaneseInputError as error:
            fail("郵便番号", error.rule)
    for column in ("氏フリガナ", "名フリガナ", "旧氏フリガナ"):
        values[column] = to_katakana(values.get(column, ""))
    return values


def _resident_fields(values: dict[str, Any]) -> dict[str, Any]:
    status = _STATUS[values.get("状態", "")]
    return {
        "atena_number": values["宛名番号"],
        "family_name": values["氏"],
        "given_name": values.get("名", ""),
        "family_name_kana": values["氏フリガナ"],
        "given_name_kana": values["名フリガナ"],
        "former_family_name": values.get("旧氏", ""),
        "former_family_name_kana": values["旧氏フリガナ"],
        "birth_date": values["生年月日"],
        "sex": _SEX[values["性別"]],
        "relationship": values["続柄"],
        "became_resident_on": values["住民となった年月日"],
        "address_since": values["住定日"],
        "nationality": values.get("国籍") or "日本",
        "residence_status": values.get("在留資格", ""),
        "status": status,
        "status_changed_on": values["異動日"],
    }


def import_residents(lines: Iterable[str]) -> ImportSummary:
    """Check every row of the CSV, then load all of it in one transaction."""
    reader = csv.DictReader(lines)
    header = [h.strip().lstrip("\ufeff") for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    errors = _check_header(header)
    if errors:
        raise ImportRejected(errors)

    rows: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if None in row:
            errors.append(RowError(line, "(列数)", "見出しより列が多い行です"))
            continue
        values = _clean_row(line, row, errors)
        code = values.get("住民票コード", "")
        if code in seen:
            errors.append(
                RowError(line, "住民票コード", f"{seen[code]}行目と重複しています")
            )
        seen[code] = line
        rows.append(values)
    if errors:
        raise ImportRejected(errors)

    return _load(rows)


@transaction.atomic
def _load(rows: list[dict[str, Any]]) -> ImportSummary:
    created = updated = 0
    households: dict[str, Household] = {}
    for values in rows:
        number = values["世帯番号"]
        household = households.get(number)
        if household is None:
            household = Household.objects.filter(
                setai_number=number
            ).first() or Household(setai_number=number)
            household.postal_code = values.get("郵便番号", "")
            household.address = values["住所"]
            household.katagaki = values.get("方書", "")
            household.save(reason=REASON)
            households[number] = household

        resident = Resident.objects.filter(juminhyo_code=values["住民票コード"]).first()
        if resident is None:
            resident = Resident(juminhyo_code=values["住民票コード"])
            created += 1
        else:
            updated += 1
        for name, value in _resident_fields(values).items():
            setattr(resident, name, value)
        resident.household = household
        resident.save(reason=REASON)
    return ImportSummary(created=created, updated=updated, households=len(households))
