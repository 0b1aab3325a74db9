"""The condition language: what it reads, its three-valued logic, its errors."""

import ast
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from madoguchi.navigator import conditions, logic
from madoguchi.navigator.casefile import read_case
from madoguchi.navigator.conditions import ConditionError, compile_condition
from madoguchi.navigator.evaluation import build_scope
from madoguchi.navigator.logic import Fact, Unknown
from madoguchi.navigator.tests.conftest import family


def evaluate(text: str, case: dict[str, Any] | None = None, member: int = 0) -> Any:
    scope = build_scope(read_case(case or family()))
    scope.member = scope.household[member]
    return compile_condition(text, member_in_scope=True).evaluate(scope)


@pytest.mark.parametrize(
    ("text", "member", "expected"),
    [
        ('member.health_insurance not in ("社保", "共済", "後期")', 0, True),
        ("member.age < 75 and member.pension == '1号'", 0, True),
        ("0 < member.age < 18", 2, True),
        ("0 < member.age < 18", 0, False),
        ("member.age >= -1", 3, True),
        ("member.flags.has_mynumber_card", 0, True),
        ("member.flags.has_mynumber_card", 1, False),  # an absent flag is false
        ("member.school_stage == null", 0, True),  # absent nullable field is null
        ("member.school_stage in ['小学生', '中学生']", 2, True),
        ("member.insurance_role == None", 1, True),
        ("member.is_head and not member.is_subject", 0, False),
        ("member.is_head and member.id == 'p1'", 0, True),
        ('event == "move_in" and event != "birth"', 0, True),
        ("head.flags.owns_dog", 3, True),
        ("details.same_prefecture == false", 0, True),
        ("any(m.age < 6 for m in children)", 0, True),
        ("all(c.age < 18 for c in children)", 0, True),
        ("all(m.age >= 18 for m in household)", 0, False),
        ("all(m.age >= 18 for m in household if m.relationship != '子')", 0, True),
        ("count(m.age >= 15 for m in household) == 2", 0, True),
        ("count(m.age >= 15 for m in household if m.sex == 'F') == 1", 0, True),
        ("any(any(n.age < m.age for n in children) for m in household)", 0, True),
        ("count(m.age > 0 for m in others) == 0", 0, True),
        ("True and true and not False", 0, True),
    ],
)
def test_a_condition_reads_the_case_file(
    text: str, member: int, expected: bool
) -> None:
    assert evaluate(text, member=member) is expected


def test_others_are_the_household_less_the_subjects() -> None:
    case = family(subjects=["p3"])

    assert evaluate("count(m.id != '' for m in others) == 3", case) is True
    assert evaluate("all(m.id == 'p3' for m in subjects)", case) is True
    assert evaluate("member.is_subject", case, member=2) is True


def test_age_comes_from_the_birth_date_on_the_event_date() -> None:
    case = family()
    del case["household"][2]["age"]
    case["household"][2]["birth_date"] = "2017-04-02"

    assert evaluate("member.age == 8", case, member=2) is True
    case["event_date"] = "2026-04-02"
    assert evaluate("member.age == 9", case, member=2) is True


def test_member_ids_compare_with_details() -> None:
    case = family(event="join_employee_insurance", details={"dependents_added": ["p2"]})

    assert evaluate("member.id in details.dependents_added", case, member=1) is True
    assert evaluate("member.id not in details.dependents_added", case) is True


def test_a_missing_detail_is_unknown_and_names_itself() -> None:
    value = evaluate("details.into_care_facility")

    assert isinstance(value, Unknown)
    assert value.facts == (
        Fact("details.into_care_facility", "details.into_care_facility"),
    )


def test_a_missing_member_field_names_the_member() -> None:
    case = family()
    del case["household"][1]["nationality"]

    value = evaluate('member.nationality == "日本"', case, member=1)

    assert isinstance(value, Unknown)
    assert value.facts == (
        Fact("household[1].nationality", "member.nationality", "p2"),
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("false and details.to_abroad", False),
        ("details.to_abroad and false", False),
        ("true or details.to_abroad", True),
        ("details.to_abroad or true", True),
        ("details.same_prefecture == false or details.to_abroad", True),
        ("details.same_prefecture and details.to_abroad", False),
    ],
)
def test_a_known_side_can_settle_an_unknown(text: str, expected: bool) -> None:
    assert evaluate(text) is expected


@pytest.mark.parametrize(
    ("text", "paths"),
    [
        ("not details.to_abroad", ["details.to_abroad"]),
        ("details.to_abroad and details.born_abroad", ["details.to_abroad", "details.born_abroad"]),
        ("details.to_abroad or true and details.born_abroad", ["details.to_abroad", "details.born_abroad"]),
        ("details.stay_abroad_years >= 1", ["details.stay_abroad_years"]),
        ("details.informant == member.id", ["details.informant"]),
        ("(details.to_abroad and false) or details.born_abroad", ["details.born_abroad"]),
        ('any(m.nationality != "日本" for m in household)', ["household[1].nationality"]),
        ("count(m.nationality == '日本' for m in household) >= 2", ["household[1].nationality"]),
    ],
)  # fmt: skip
def test_an_unknown_asks_only_for_the_facts_that_left_it_open(
    text: str, paths: list[str]
) -> None:
    case = family()
    del case["household"][1]["nationality"]

    value = evaluate(text, case)

    assert isinstance(value, Unknown)
    assert [fact.path for fact in value.facts] == paths


def test_a_known_member_settles_any_and_all() -> None:
    case = family()
    del case["household"][1]["nationality"]
    case["household"][3]["nationality"] = "ネパール"

    assert evaluate('any(m.nationality != "日本" for m in household)', case) is True
    assert evaluate('all(m.nationality == "日本" for m in household)', case) is False


def _column(text: str, word: str) -> int:
    return text.index(word) + 1


@pytest.mark.parametrize(
    ("text", "word", "reason"),
    [
        ('member.nationality == "日本" and member.pension_type == "1号"', "pension_type",
         "'pension_type' は世帯員の項目にありません(pension のことですか?)"),
        ("details.same_prefecturee", "same_prefecturee",
         "'same_prefecturee' は details の項目にありません(same_prefecture のことですか?)"),
        ("member.flags.has_mynumber_cardd", "has_mynumber_cardd",
         "'has_mynumber_cardd' は flags の項目にありません(has_mynumber_card のことですか?)"),
        ("member.age.years > 3", "years", "member.age には項目 'years' はありません"),
        ('member.health_insurance == "国保x"', '"国保x"',
         "'国保x' は member.health_insurance の値にありません"),
        ('member.health_insurance in ("国保", "社会保険")', "(",
         "'社会保険' は member.health_insurance の値にありません"),
        ('event == "move_inn"', '"move_inn"', "'move_inn' は event の値にありません"),
        ("membr.age > 3", "membr", "'membr' という名前はありません(member のことですか?)"),
        ("member.age + 1 > 3", "member", "計算(+ - * / など) は条件には使えません"),
        ("household[0].age > 3", "household", "添字([ ]) は条件には使えません"),
        ("len(household) > 1", "len", "関数 len は使えません(使えるのは any, all, count)"),
        ('__import__("os").system("true")', "__import__", "関数 その関数 は使えません"),
        ("().__class__", "()", "項目は details.… や member.… のように名前から書きます"),
        ("member.age if true else false", "member", "条件式(x if c else y) は条件には使えません"),
        ("member.age", "member", "条件は真偽値(true/false)になる式である必要があります"),
        ('member.relationship < "子"', "member", "'<' で比べられるのは数値だけです"),
        ('details.same_prefecture == "はい"', '"はい"', "と文字列は比べられません"),
        ("member.nationality == null", "null", "member.nationality は null になりません"),
        ("member.age is 3", "3", "'is' は使えません"),
        ("details", "details", "details だけでは使えません"),
        ("household", "household", "any(...)、all(...)、count(...) の中で"),
        ("any(member.age < 18 for member in household)", "member in",
         "'member' は使われている名前なので"),
        ("any(m.age < 18 for m in details)", "details)", "for で回せるのは household"),
        ("any(m.age < 18 for m in household for n in household)", "any",
         "any(<条件> for m in household) の形で書きます"),
        ("member.age > 3 and", "", "式が途中で終わっています"),
        ("member.age = 3", "=", "式として読めません"),
        ("(member.age > 3", "(", "閉じていない括弧があります"),
        ("member.relationship == '子", "'", "文字列の引用符が閉じていません"),
        ("", "", "条件が空です"),
        ("member.age > 3 and {1: 2}", "{", "辞書({ }) は条件には使えません"),
        ("member in (1, 2)", "member", "member だけでは使えません。member.age のように"),
        ("m.age > 3", "m", "'m' という名前はありません"),
        ("member.age in (1, member.age)", "member.age)", "( ) や [ ] の中に書けるのは値"),
        ("not member.age", "member", "not の後ろは真偽値(true/false)である必要があります"),
    ],
)  # fmt: skip
def test_a_mistake_names_its_column_and_reason(
    text: str, word: str, reason: str
) -> None:
    with pytest.raises(ConditionError) as error:
        compile_condition(text, member_in_scope=True)

    assert reason in error.value.reason
    expected = _column(text, word) if word else len(text) + 1
    assert error.value.column == expected


def test_member_is_not_in_scope_for_the_household_as_a_whole() -> None:
    with pytest.raises(
        ConditionError, match="for: once の手続の条件では member は使えません"
    ):
        compile_condition("member.age > 3", member_in_scope=False)

    compile_condition("any(m.age > 3 for m in household)", member_in_scope=False)


def test_a_condition_folded_over_lines_reads_as_one() -> None:
    text = 'member.age >= 65\nand member.health_insurance == "国保"\n'

    assert evaluate(text) is False
    with pytest.raises(ConditionError) as error:
        compile_condition("member.age >= 65\nand member.pensoin", member_in_scope=True)
    assert error.value.column == len("member.age >= 65 and member.") + 1


@pytest.mark.parametrize("module", [conditions, logic])
def test_the_compiler_never_evaluates_text(module: Any) -> None:
    source = Path(module.__file__).read_text(encoding="utf-8")
    calls = {
        node.func.id
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }

    assert not calls & {"eval", "exec", "compile", "__import__"}


# Kleene's logic, checked against a reference written independently: None
# stands for unknown.

_ATOMS = {
    "details.to_abroad": True,
    "details.born_abroad": False,
    "details.same_prefecture": None,
    "details.first_entry_to_japan": None,
    "true": True,
    "false": False,
}


def _expressions() -> st.SearchStrategy[Any]:
    atom = st.sampled_from(sorted(_ATOMS))
    return st.recursive(
        atom,
        lambda inner: st.one_of(
            st.tuples(st.just("not"), inner),
            st.tuples(st.sampled_from(["and", "or"]), inner, inner),
            st.tuples(st.just("=="), inner, st.sampled_from(["true", "false"])),
        ),
        max_leaves=12,
    )


def _text(tree: Any) -> str:
    if isinstance(tree, str):
        return tree
    if tree[0] == "not":
        return f"not ({_text(tree[1])})"
    return f"({_text(tree[1])}) {tree[0]} ({_text(tree[2])})"


def _reference(tree: Any) -> bool | None:
    if isinstance(tree, str):
        return _ATOMS[tree]
    if tree[0] == "not":
        value = _reference(tree[1])
        return None if value is None else not value
    left, right = _reference(tree[1]), _reference(tree[2])
    if tree[0] == "==":
        return None if left is None else left == (tree[2] == "true")
    if tree[0] == "and":
        if left is False or right is False:
            return False
        return None if None in (left, right) else True
    if left is True or right is True:
        return True
    return None if None in (left, right) else False


@given(_expressions())
def test_three_valued_logic_is_kleenes(tree: Any) -> None:
    case = family(details={"to_abroad": True, "born_abroad": False})

    value = evaluate(_text(tree), case)

    expected = _reference(tree)
    if expected is None:
        assert isinstance(value, Unknown)
        asked = {fact.path for fact in value.facts}
        assert asked <= {"details.same_prefecture", "details.first_entry_to_japan"}
        assert asked
    else:
        assert value is expected
