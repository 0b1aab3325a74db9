"""What the navigator lists for a household, as a clerk would check it."""

from pathlib import Path
from typing import Any

from madoguchi.navigator.service import navigate
from madoguchi.navigator.tests.conftest import family


def answer(case: dict[str, Any], pack: Path) -> dict[str, Any]:
    return navigate(case, pack).as_json()


def listed(found: dict[str, Any]) -> dict[str, tuple[str, list[str]]]:
    return {p["code"]: (p["necessity"], p["members"]) for p in found["procedures"]}


def test_a_family_moving_in_gets_its_procedures_in_catalogue_order(
    tiny_pack: Path,
) -> None:
    found = answer(family(), tiny_pack)

    assert list(listed(found).items()) == [
        ("jumin_tennyu", ("must", ["p1", "p2", "p3", "p4"])),
        ("mynumber_keizoku", ("must", ["p1"])),
        ("kokuho_kanyu", ("must", ["p1", "p2", "p3", "p4"])),
        ("gakko_tennyu", ("must", ["p3"])),
        ("inu_henko", ("must", ["p1"])),
        ("jidou_nintei", ("must", ["p1", "p2", "p3", "p4"])),
        ("inkan_toroku", ("may", ["p1", "p2"])),
    ]
    assert found["missing"] == []
    assert found["notices"] == []


def test_each_procedure_says_where_when_and_why(tiny_pack: Path) -> None:
    procedures = {p["code"]: p for p in answer(family(), tiny_pack)["procedures"]}

    tennyu = procedures["jumin_tennyu"]
    assert {
        k: tennyu[k] for k in ("code", "name", "department", "deadline", "reason")
    } == {
        "code": "jumin_tennyu",
        "name": "転入届",
        "department": "市民課",
        "deadline": "2026-04-15",  # moved in 4月1日: 14 days from the next day
        "reason": "他の市区町村から引っ越してきたため",
    }
    assert tennyu["counter"] == {
        "code": "shimin-1",
        "number": "1",
        "name": "住民異動・印鑑登録",
        "floor": "1階",
    }
    assert tennyu["bring"] == ["本人確認書類", "転出証明書"]
    assert tennyu["deadline_rule"] == "出来事の日の翌日から数えて14日以内"
    assert procedures["mynumber_keizoku"]["deadline"] == "2026-06-30"
    assert procedures["inu_henko"]["deadline"] == "2026-05-01"
    # 4月16日 is one of the pack's closures.
    assert procedures["jidou_nintei"]["deadline"] == "2026-04-17"
    assert procedures["gakko_tennyu"]["deadline"] is None
    assert procedures["kokuho_kanyu"]["note"].startswith("転入届だけでは")


def test_an_outside_body_is_named_instead_of_a_department(tiny_pack: Path) -> None:
    case = family(event="birth", subjects=["p4"])
    case["household"][3].update(age=0, nationality="ネパール", health_insurance="none")

    procedures = {p["code"]: p for p in answer(case, tiny_pack)["procedures"]}

    assert procedures["zairyu_shutoku"]["department"] == "出入国在留管理局"
    assert procedures["zairyu_shutoku"]["outside"] is True
    assert procedures["zairyu_shutoku"]["counter"] is None


def test_only_the_event_s_procedures_are_listed(tiny_pack: Path) -> None:
    case = family(event="birth", subjects=["p4"])
    case["household"][3].update(age=0, health_insurance="none")

    assert list(listed(answer(case, tiny_pack))) == [
        "kokuho_kanyu",
        "jidou_nintei",
        "koseki_shussei",
    ]


def test_a_procedure_concerns_only_its_members(tiny_pack: Path) -> None:
    case = family(subjects=["p2", "p3"])

    found = listed(answer(case, tiny_pack))

    assert found["kokuho_kanyu"] == ("must", ["p2", "p3"])
    assert found["jumin_tennyu"] == ("must", ["p2", "p3"])
    # The dog's owner p1 stays; a household procedure still concerns him.
    assert found["inu_henko"] == ("must", ["p1"])
    # p1's card is not moving in with a subject.
    assert "mynumber_keizoku" not in found


def test_a_missing_fact_lists_the_procedure_as_may_and_asks_once(
    tiny_pack: Path,
) -> None:
    case = family(subjects=["p5", "p6"])
    case["household"] += [
        {"id": "p5", "relationship": "父", "age": 70, "sex": "M", "health_insurance": "国保"},
        {"id": "p6", "relationship": "母", "age": 68, "sex": "F", "health_insurance": "国保"},
    ]  # fmt: skip

    found = answer(case, tiny_pack)

    kaigo = next(p for p in found["procedures"] if p["code"] == "kaigo_shutoku")
    assert kaigo["necessity"] == "may"
    assert kaigo["members"] == ["p5", "p6"]
    assert kaigo["depends_on"] == ["details.into_care_facility"]
    assert found["missing"] == [
        {
            "field": "details.into_care_facility",
            "question": "介護施設に入るための転入ですか?",
            "answers": [
                {"value": True, "label": "はい(施設に入所)"},
                {"value": False, "label": "いいえ"},
            ],
        }
    ]


def test_the_answer_to_a_question_settles_the_procedure(tiny_pack: Path) -> None:
    case = family(subjects=["p5"])
    case["household"].append({"id": "p5", "relationship": "父", "age": 70, "sex": "M",
                              "health_insurance": "国保"})  # fmt: skip

    case["details"]["into_care_facility"] = False
    found = answer(case, tiny_pack)
    assert listed(found)["kaigo_shutoku"] == ("must", ["p5"])
    assert found["missing"] == []

    case["details"]["into_care_facility"] = True
    assert "kaigo_shutoku" not in listed(answer(case, tiny_pack))


def test_a_missing_member_field_is_asked_of_that_member(tiny_pack: Path) -> None:
    case = family(subjects=["p1", "p2"])
    del case["household"][1]["health_insurance"]

    found = answer(case, tiny_pack)

    kokuho = next(p for p in found["procedures"] if p["code"] == "kokuho_kanyu")
    assert kokuho["necessity"] == "must"
    assert kokuho["necessity_by_member"] == {"p1": "must", "p2": "may"}
    assert kokuho["depends_on"] == ["household[1].health_insurance"]
    assert found["missing"] == [
        {
            "field": "household[1].health_insurance",
            "member": "p2",
            "question": "今加入している健康保険は何ですか?",
            "answers": [
                {"value": "国保", "label": "国民健康保険"},
                {"value": "社保", "label": "社会保険(健康保険)"},
                {"value": "共済", "label": "共済組合"},
                {"value": "後期", "label": "後期高齢者医療"},
                {"value": "none", "label": "加入していない"},
            ],
        }
    ]


def test_must_and_may_members_make_one_entry(tiny_pack: Path) -> None:
    case = family(subjects=["p5", "p6"])
    case["household"] += [
        {"id": "p5", "relationship": "父", "age": 80, "sex": "M"},
        {"id": "p6", "relationship": "母", "age": 70, "sex": "F",
         "flags": {"has_disability_certificate": True}},
    ]  # fmt: skip
    case["details"]["into_care_facility"] = False

    koki = next(
        p for p in answer(case, tiny_pack)["procedures"] if p["code"] == "koki_tennyu"
    )

    assert koki["necessity"] == "must"
    assert koki["members"] == ["p5", "p6"]
    assert koki["necessity_by_member"] == {"p5": "must", "p6": "may"}


def test_without_the_event_date_deadlines_are_not_guessed(tiny_pack: Path) -> None:
    case = family()
    del case["event_date"]

    found = answer(case, tiny_pack)

    assert all(p["deadline"] is None for p in found["procedures"])
    assert found["notices"] == [
        "出来事の日(event_date)が入力されていないため、"
        "出来事の日から数える期限は計算していません。"
    ]


def test_a_new_head_is_needed_only_when_it_is_not_obvious(tiny_pack: Path) -> None:
    case = family(event="death", subjects=["p1"], details={"funeral_host": "p2"})

    found = listed(answer(case, tiny_pack))
    assert list(found) == ["koseki_shibou", "kokuho_sosaihi"]

    case["household"][2]["age"] = 16  # now two others are 15 or older
    found = listed(answer(case, tiny_pack))
    assert list(found) == ["koseki_shibou", "jumin_setainushi", "kokuho_sosaihi"]


def test_a_public_servant_claims_child_allowance_at_work(tiny_pack: Path) -> None:
    case = family()
    case["household"][1]["flags"] = {"is_public_servant": True}

    assert "jidou_nintei" not in listed(answer(case, tiny_pack))


def test_a_case_without_procedures_answers_empty(tiny_pack: Path) -> None:
    case = family(event="turn_75", subjects=["p1"])

    assert answer(case, tiny_pack) == {"procedures": [], "missing": [], "notices": []}
