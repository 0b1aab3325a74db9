"""Reading a case file, and every problem of a bad one named by its path."""

import json
from datetime import date
from pathlib import Path

import pytest

from madoguchi.navigator.casefile import CaseFileError, read_case
from madoguchi.navigator.tests.conftest import family

SHARED_EXAMPLES = Path(__file__).resolve().parents[3].parent / "shared/domain/examples"


def problems(case: object) -> list[str]:
    with pytest.raises(CaseFileError) as error:
        read_case(case)
    return [str(problem) for problem in error.value.problems]


def test_a_case_file_is_read_with_its_dates_and_ages() -> None:
    case = family()
    del case["household"][0]["age"]
    case["household"][0]["birth_date"] = "1986-04-02"

    read = read_case(case)

    assert read.event == "move_in"
    assert read.event_date == date(2026, 4, 1)
    assert read.visit_date == date(2026, 4, 8)
    assert read.ages == (39, 38, 9, 3)
    assert read.subjects == ("p1", "p2", "p3", "p4")


def test_the_visit_is_today_when_not_given() -> None:
    case = family()
    del case["visit_date"], case["event_date"]

    read = read_case(case, today=date(2026, 5, 1))

    assert read.visit_date == date(2026, 5, 1)
    assert read.event_date is None
    assert read.reference_date == date(2026, 5, 1)


def test_an_example_file_is_read_through_its_case() -> None:
    example = {"id": "X1", "title": "例", "case": family(), "must": ["jumin_tennyu"]}

    assert read_case(example).event == "move_in"


@pytest.mark.skipif(
    not SHARED_EXAMPLES.is_dir(), reason=f"{SHARED_EXAMPLES} is not beside the repo"
)
def test_every_shared_example_is_a_valid_case_file() -> None:
    for path in sorted(SHARED_EXAMPLES.glob("*.json")):
        read_case(json.loads(path.read_text(encoding="utf-8")))


def test_every_schema_problem_is_named_by_its_path() -> None:
    case = family(event="moving", visit_date="2026-13-01")
    case["household"][2]["pension"] = "4号"
    case["household"][1]["pension_type"] = "1号"
    del case["household"][3]["sex"]
    case["household"][0]["age"] = "40"
    case["household"][0]["flags"]["owns_cat"] = True
    case["details"]["same_prefecturee"] = True
    case["subjects"] = []

    found = problems(case)

    assert sorted(found) == sorted([
        "event: 'moving' は選べません(選べるのは move_in, move_out, move_within, "
        "move_in_from_abroad, birth, death, marriage, divorce, "
        "leave_employee_insurance, join_employee_insurance, turn_65, turn_75)",
        "visit_date: 日付は 2026-04-01 のように書きます('2026-13-01' は日付ではありません)",
        "subjects: 少なくとも1つ必要です",
        "household[0].age: 整数である必要があります('40' になっています)",
        "household[0].flags.owns_cat: 'owns_cat' という項目はありません(owns_dog のことですか?)",
        "household[1].pension_type: 'pension_type' という項目はありません(pension のことですか?)",
        "household[2].pension: '4号' は選べません(選べるのは 1号, 2号, 3号, none)",
        "household[3].sex: 必須の項目がありません",
        "details.same_prefecturee: 'same_prefecturee' という項目はありません"
        "(same_prefecture のことですか?)",
    ])  # fmt: skip


def test_age_and_birth_date_are_one_or_the_other() -> None:
    case = family()
    case["household"][0]["birth_date"] = "1986-04-02"
    del case["household"][1]["age"]

    assert problems(case) == [
        "household[0]: age と birth_date はどちらか一方だけを書きます",
        "household[1]: age(年齢)か birth_date(生年月日)のどちらかが必要です",
    ]


def test_ids_must_be_unique_and_refer_to_members() -> None:
    case = family(
        subjects=["p1", "p9", "p1"],
        details={
            "informant": "p8",
            "funeral_host": "other",
            "custody": "p7",
            "becomes_dependent_of": "p6",
            "dependents_added": ["p2", "p5"],
        },
    )
    case["household"][3]["id"] = "p2"
    case["household"][2]["insured_via"] = "p3"
    case["household"][1]["insured_via"] = "p0"

    assert problems(case) == [
        "household[3].id: 'p2' は household[1] でも使われています(id は世帯の中で一つずつ)",
        "subjects[1]: 'p9' という世帯員はいません(household の id を書きます)",
        "subjects[2]: 'p1' が2回あります",
        "household[1].insured_via: 'p0' という世帯員はいません(household の id を書きます)",
        "household[2].insured_via: 自分自身は指せません(扶養している世帯員の id を書きます)",
        "details.informant: 'p8' という世帯員はいません(household の id、または other を書きます)",
        "details.custody: 'p7' という世帯員はいません(household の id を書きます)",
        "details.becomes_dependent_of: 'p6' という世帯員はいません(household の id を書きます)",
        "details.dependents_added[1]: 'p5' という世帯員はいません(household の id を書きます)",
    ]


def test_the_household_has_one_head() -> None:
    case = family()
    case["household"][0]["relationship"] = "夫"

    assert problems(case) == [
        "household: 続柄が「世帯主」の世帯員がちょうど1人必要です(0人になっています)"
    ]


def test_a_birth_date_after_the_event_is_refused() -> None:
    case = family()
    del case["household"][3]["age"]
    case["household"][3]["birth_date"] = "2026-05-01"

    assert problems(case) == [
        "household[3].birth_date: 出来事の日(来庁日)2026-04-01 より後の日です"
    ]


@pytest.mark.parametrize("document", [[], "move_in", None, 3])
def test_a_case_file_is_an_object(document: object) -> None:
    assert problems(document) == [
        "(全体): 事案ファイルは JSON のオブジェクト({ … })である必要があります"
    ]
