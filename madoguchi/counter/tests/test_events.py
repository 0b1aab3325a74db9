"""A birth's child, two events in one visit, and the head who leaves."""

import pytest
from django.test import Client
from django.urls import reverse

from madoguchi.counter.models import Visit
from madoguchi.counter.navigation import navigate_visit
from madoguchi.counter.tests.factories import members
from madoguchi.counter.tests.steps import answer_everything, open_visit
from madoguchi.register.models import Household

pytestmark = pytest.mark.django_db


def _post_event(client: Client, visit: Visit, **fields: object) -> str:
    data = {"version": Visit.objects.get(pk=visit.pk).version, **fields}
    response = client.post(reverse("counter:event", args=[visit.pk]), data)
    if response.status_code == 302:
        return response.url
    return response.content.decode()


BIRTH = {
    "event": "birth",
    "event_date": "R8.11.20",
    "family_name": "架空",
    "given_name": "みらい",
    "family_name_kana": "かくう",
    "given_name_kana": "みらい",
    "sex": "F",
    "relationship": "子",
}


def test_a_birth_takes_the_child_and_lists_the_birth_procedures(
    signed_in: Client, home: Household
) -> None:
    visit = open_visit(signed_in, home)

    page = signed_in.get(reverse("counter:event", args=[visit.pk])).content.decode()
    assert 'value="架空"' in page  # the child's 氏 offered from the head's

    assert _post_event(signed_in, visit, **BIRTH) == reverse(
        "counter:interview", args=[visit.pk]
    )
    visit.refresh_from_db()
    assert visit.newborn["given_name_kana"] == "ミライ"
    answer_everything(signed_in, visit)
    answer = navigate_visit(Visit.objects.get(pk=visit.pk))
    shussei = next(p for p in answer.procedures if p["code"] == "koseki_shussei")
    assert shussei["members"] == ["n1"]
    # The child's allowance and medical card follow the birth itself.
    assert {"jidou_nintei", "kodomo_iryo"} <= {p["code"] for p in answer.procedures}

    review = signed_in.get(reverse("counter:review", args=[visit.pk])).content.decode()
    assert "架空 みらい" in review


def test_a_birth_without_the_childs_sex_is_refused_naming_the_field(
    signed_in: Client, home: Household
) -> None:
    visit = open_visit(signed_in, home)

    page = _post_event(
        signed_in, visit, **(BIRTH | {"sex": "", "given_name_kana": "未来"})
    )

    assert "生まれた子の性別: 選んでください。" in page
    assert "生まれた子の名(フリガナ): ひらがなかカタカナで入力してください。" in page
    assert Visit.objects.get(pk=visit.pk).event == ""


def test_a_marriage_with_a_move_is_navigated_as_two_cases_in_one_visit(
    signed_in: Client, home: Household
) -> None:
    head, wife, *_ = members(home)
    visit = open_visit(signed_in, home)

    _post_event(
        signed_in,
        visit,
        event="marriage",
        event_date="R8.11.20",
        more_event="move_within",
        more_event_date="R8.11.25",
        subjects=[head.pk, wife.pk],
    )

    visit.refresh_from_db()
    assert visit.more_events == [{"event": "move_within", "event_date": "2026-11-25"}]
    answer = navigate_visit(visit)
    assert [case["event"] for case in answer.cases] == ["marriage", "move_within"]
    by_code = {p["code"]: p for p in answer.procedures}
    assert by_code["koseki_konin"]["event"] == "marriage"
    assert by_code["jumin_tenkyo"]["event"] == "move_within"
    # 転居届's deadline counts from the move, not from the marriage.
    assert by_code["jumin_tenkyo"]["deadline"] == "2026-12-09"
    keys = [key for key, _fact in answer.missing]
    assert len(keys) == len(set(keys))


def test_the_same_event_twice_is_refused(signed_in: Client, home: Household) -> None:
    visit = open_visit(signed_in, home)

    page = _post_event(
        signed_in,
        visit,
        event="marriage",
        event_date="R8.11.20",
        more_event="marriage",
        subjects=[members(home)[0].pk],
    )

    assert "あわせて届け出る事由: 届出の事由と別のものを選んでください。" in page


def test_the_clerk_chooses_the_new_head_when_the_head_dies(
    signed_in: Client, home: Household
) -> None:
    head, wife, daughter, _son = members(home)
    visit = open_visit(signed_in, home)
    _post_event(
        signed_in, visit, event="death", event_date="R8.11.20", subjects=[head.pk]
    )
    answer_everything(signed_in, visit)
    version = Visit.objects.get(pk=visit.pk).version
    signed_in.post(reverse("counter:review", args=[visit.pk]), {"version": version})

    page = signed_in.get(reverse("counter:confirm", args=[visit.pk])).content.decode()
    assert "新しい世帯主" in page
    assert f'value="r{wife.pk}" selected' in page

    version = Visit.objects.get(pk=visit.pk).version
    refused = signed_in.post(
        reverse("counter:confirm", args=[visit.pk]),
        {"version": version, "new_head": f"r{head.pk}"},
    )
    assert "新しい世帯主: 残る方から一人選んでください。" in refused.content.decode()

    signed_in.post(
        reverse("counter:confirm", args=[visit.pk]),
        {"version": version, "new_head": f"r{daughter.pk}"},
    )
    assert Visit.objects.get(pk=visit.pk).new_head == f"r{daughter.pk}"
