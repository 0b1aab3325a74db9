"""Reading a pack's catalogue, and each mistake in one named by file and line."""

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from madoguchi.navigator.catalogue import read_catalogue
from madoguchi.navigator.facts import detail_facts, member_facts
from madoguchi.packs.models import Municipality
from madoguchi.packs.validation import validate_pack

Edit = Callable[[Path, str, str], int]


def line_of(path: Path, text: str) -> int:
    content = path.read_text(encoding="utf-8")
    return content[: content.index(text)].count("\n") + 1


def test_the_test_pack_reads_with_its_questions_and_closures(tiny_pack: Path) -> None:
    catalogue = read_catalogue(tiny_pack)

    assert len(catalogue.procedures) == 16
    assert [p.code for p in catalogue.by_event["birth"]] == [
        "kokuho_kanyu",
        "jidou_nintei",
        "koseki_shussei",
        "zairyu_shutoku",
    ]
    assert catalogue.by_event["turn_75"] == ()
    kokuho = catalogue.by_event["birth"][0]
    assert kokuho.department == "保険年金課"
    assert kokuho.counter is not None and kokuho.counter.number == "5"
    zairyu = catalogue.by_event["birth"][3]
    assert zairyu.outside and zairyu.department == "出入国在留管理局"
    # The pack's own wording wins; the navigator's words the rest.
    assert catalogue.question("member.nationality").question == (
        "この方の国籍はどちらですか?"
    )
    assert catalogue.question("details.into_care_facility").answers == (
        (True, "はい(施設に入所)"),
        (False, "いいえ"),
    )
    assert catalogue.question("details.same_prefecture").answers == (
        (True, "はい"),
        (False, "いいえ"),
    )
    assert catalogue.closed.closures == {date(2026, 4, 16), date(2026, 12, 28)}


MISTAKES = [
    ("code: mynumber_keizoku", "code: mynumber_keizokuu",
     "手続コード 'mynumber_keizokuu' は手続カタログ(procedures.md)にありません"),
    ("department: kankyo\n", "department: kankyou\n",
     "手続 inu_henko の department: 担当課 'kankyou' は offices.yaml にありません"),
    ("counter: gakko-21", "counter: gakko-99",
     "手続 gakko_tennyu の counter: 窓口 'gakko-99' は offices.yaml にありません"),
    ("counter: kankyo-22", "counter: shimin-1",
     "手続 inu_henko の counter: 窓口 'shimin-1' は担当課 'shimin' の窓口です"
     "(department は 'kankyo')"),
    ("must: member.flags.owns_dog", "must: member.flags.owns_dog and",
     "手続 inu_henko の must: 26文字目: 式が途中で終わっています"),
    ("must: member.age >= 75", "must: member.pension_type == '1号'",
     "手続 koki_tennyu の must: 8文字目: 'pension_type' は世帯員の項目にありません"
     "(pension のことですか?)"),
    ("may: member.age >= 15", "may: member.age >= 15 and details.same_prefecturee",
     "手続 inkan_toroku の may: 30文字目: 'same_prefecturee' は details の項目にありません"),
    ("must: details.keeps_married_surname", "must: member.age > 20",
     "手続 koseki_konshi の must: 1文字目: for: once の手続の条件では member は使えません"),
    ("deadline: {rule: koseki, days: 7}", "deadline: {rule: kosekii, days: 7}",
     "手続 koseki_shibou の deadline: 期限の数え方 'kosekii' はありません"),
    ("deadline: {rule: years, years: 2}", "deadline: {rule: years}",
     "手続 kokuho_sosaihi の deadline: rule: years には years: に1以上の整数が必要です"),
    ("    deadline: {rule: koseki, days: 14}\n", "    deadine: {rule: koseki, days: 14}\n",
     "手続 koseki_shussei の deadine: このキーは使えません"),
    ("events: [divorce]", "events: [divorce, divorced]",
     "手続 koseki_konshi の events: 出来事 'divorced' はありません"),
    ("for: household", "for: everyone",
     "手続 inu_henko の for: 'everyone' は使えません(subjects, household, once のどれか)"),
    ("outside: 配偶者の勤務先", "outside: 配偶者の勤務先\n    department: shimin",
     "手続 nenkin_3go の outside: outside の手続には department と counter を書きません"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "reason"), MISTAKES)
def test_a_mistake_is_named_by_file_line_and_reason(
    pack_copy: Path, edit: Edit, old: str, new: str, reason: str
) -> None:
    procedures = pack_copy / "procedures.yaml"
    line = edit(procedures, old, new)

    found = [str(problem) for problem in validate_pack(pack_copy).problems]

    assert len(found) == 1
    assert found[0].startswith(f"{procedures}:{line}: {reason}")


def test_a_missing_key_is_named_at_the_procedure(pack_copy: Path, edit: Edit) -> None:
    procedures = pack_copy / "procedures.yaml"
    edit(procedures, "    reason: 子が生まれたため\n", "")
    edit(procedures, "    department: shimin\n    counter: shimin-2\n    events: [death]",
         "    counter: shimin-2\n    events: [death]")  # fmt: skip

    found = [str(problem) for problem in validate_pack(pack_copy).problems]

    assert found == [
        f"{procedures}:{line_of(procedures, '- code: koseki_shussei')}: "
        "手続 koseki_shussei: 'reason' がありません",
        f"{procedures}:{line_of(procedures, '- code: koseki_shibou')}: "
        "手続 koseki_shibou の department: department(担当課のコード)か "
        "outside(市役所の外の手続先)が必要です",
    ]


def test_a_code_listed_twice_is_refused(pack_copy: Path) -> None:
    procedures = pack_copy / "procedures.yaml"
    text = procedures.read_text(encoding="utf-8")
    first = text.index("  - code: koseki_shibou")
    second = text.index("  - code: jumin_setainushi")
    procedures.write_text(text + text[first:second], encoding="utf-8")

    found = [str(problem) for problem in validate_pack(pack_copy).problems]

    assert found == [
        f"{procedures}:{len(text.splitlines()) + 1}: 手続 koseki_shibou は "
        f"{line_of(procedures, '- code: koseki_shibou')}行目にもあります"
    ]


def test_questions_and_calendar_are_checked(pack_copy: Path) -> None:
    questions = pack_copy / "questions.yaml"
    questions.write_text(
        "questions:\n"
        "  details.same_prefecturee:\n"
        "    question: 同じ都道府県ですか?\n"
        "  member.health_insurance:\n"
        "    question: 保険は?\n"
        "    answers: {国保: 国民健康保険, 社会保険: 社保}\n"
        "  member.pension:\n"
        "    answers: {1号: 第1号}\n",
        encoding="utf-8",
    )
    calendar = pack_copy / "calendar.yaml"
    calendar.write_text("closed:\n  - 2026-12-28\n  - 12月28日\n", encoding="utf-8")

    found = [str(problem) for problem in validate_pack(pack_copy).problems]

    assert found == [
        f"{questions}:2: 'details.same_prefecturee' は事案ファイルの項目ではありません"
        "(details.… か member.… の項目を書きます)",
        f"{questions}:6: member.health_insurance: 答え '社会保険' はこの項目の値になりません",
        f"{questions}:7: member.pension: question(質問の文)がありません",
        f"{calendar}:1: closed は日付(2026-12-28 のような形)のリストです",
    ]


def test_broken_yaml_is_named_by_its_line(pack_copy: Path) -> None:
    procedures = pack_copy / "procedures.yaml"
    procedures.write_text("procedures:\n  - code: [jumin_tennyu\n", encoding="utf-8")

    found = [str(problem) for problem in validate_pack(pack_copy).problems]

    assert len(found) == 1
    assert found[0].startswith(f"{procedures}:3: YAMLとして読めません")


def test_the_command_lists_every_mistake_without_the_database(
    pack_copy: Path, edit: Edit
) -> None:
    procedures = pack_copy / "procedures.yaml"
    first = edit(procedures, "code: mynumber_keizoku", "code: mynumber")
    second = edit(procedures, "for: household", "for: all")

    with pytest.raises(CommandError) as error:
        call_command("pack", "validate", str(pack_copy))

    assert str(error.value).splitlines() == [
        "パックに誤りが 2 件あります。",
        f"{procedures}:{first}: 手続コード 'mynumber' は手続カタログ(procedures.md)にありません",
        f"{procedures}:{second}: 手続 inu_henko の for: 'all' は使えません"
        "(subjects, household, once のどれか)",
    ]


def test_the_command_says_a_sound_pack_is_sound(
    tiny_pack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("pack", "validate", str(tiny_pack))

    assert "誤りはありません(手続 16、閉庁日 2)" in capsys.readouterr().out


@pytest.mark.django_db
def test_a_pack_with_a_bad_catalogue_is_not_loaded(pack_copy: Path, edit: Edit) -> None:
    edit(pack_copy / "procedures.yaml", "for: household", "for: all")

    with pytest.raises(CommandError, match="'all' は使えません"):
        call_command("pack", "load", str(pack_copy))

    assert not Municipality.objects.exists()


@pytest.mark.django_db
def test_a_pack_with_a_sound_catalogue_loads(tiny_pack: Path) -> None:
    call_command("pack", "load", str(tiny_pack))

    assert str(Municipality.objects.get()) == "北海道みほん市"


def test_every_fact_that_can_be_missing_has_a_question_of_its_own(
    tiny_pack: Path,
) -> None:
    catalogue = read_catalogue(tiny_pack)
    missable = [f"details.{name}" for name in detail_facts()] + [
        f"member.{name}"
        for name, fact in member_facts().items()
        if fact.absent == "unknown" and name not in ("name", "name_kana")
    ]

    for key in missable:
        question = catalogue.question(key)
        assert not question.question.endswith("を確認してください"), key
        assert question.question.endswith("?"), key
