"""A new arrival (転入): typed once from the 転出証明書, then the register."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from madoguchi.audit.models import AccessRecord
from madoguchi.counter.casefile import answer_key, build_case, storage_key_to_path
from madoguchi.counter.models import Task, TaskState, Visit, VisitStatus
from madoguchi.counter.navigation import navigate_visit
from madoguchi.counter.register_updates import apply_to_register
from madoguchi.counter.tasks import change_state
from madoguchi.counter.tests.steps import answer_everything
from madoguchi.japanese.wareki import PartialDate
from madoguchi.packs.models import Department
from madoguchi.register.models import Household, Resident, Status
from madoguchi.register.numbers import is_valid_juminhyo_code
from madoguchi.staff.models import StaffUser

pytestmark = pytest.mark.django_db

FAMILY = [
    ("見本", "太郎", "みほん", "たろう", "S60.4.1", "M", "世帯主"),
    ("見本", "花子", "ミホン", "ハナコ", "1988-07-15", "F", "妻"),
    ("見本", "一郎", "みほん", "いちろう", "H29.6.1", "M", "子"),
    ("見本", "桃", "みほん", "もも", "R8.5.10", "F", "子"),
]


def _form(visit: Visit, people: list[tuple], **changes: str) -> dict[str, str]:
    form = {
        "version": str(Visit.objects.get(pk=visit.pk).version),
        "rows": str(len(people)),
        "event_date": "R8.11.20",
        "previous_address": "北海道札幌市中央区北一条西2丁目1番地",
        "new_postal_code": "099-9902",
        "new_address": "北海道みほん市緑町1丁目1番1号",
        "new_katagaki": "みほんハイツ101",
        "save": "1",
    }
    names = ("family_name", "given_name", "family_name_kana", "given_name_kana")
    names += ("birth_date", "sex", "relationship")
    for index, person in enumerate(people):
        for name, value in zip(names, person, strict=True):
            form[f"{name}-{index}"] = value
        form[f"nationality-{index}"] = "日本"
    form.update(changes)
    return form


def _open(client: Client) -> Visit:
    response = client.post(reverse("counter:open_arrival"))
    visit = Visit.objects.get(household=None)
    assert response.url == reverse("counter:arrivals", args=[visit.pk])
    assert visit.event == "move_in"
    return visit


def _arrive(client: Client) -> Visit:
    visit = _open(client)
    response = client.post(
        reverse("counter:arrivals", args=[visit.pk]), _form(visit, FAMILY)
    )
    assert response.url == reverse("counter:interview", args=[visit.pk])
    return Visit.objects.get(pk=visit.pk)


def test_a_family_of_four_is_entered_once_and_kana_stored_as_katakana(
    signed_in: Client,
) -> None:
    visit = _arrive(signed_in)

    assert [p["given_name_kana"] for p in visit.arrivals] == [
        "タロウ",
        "ハナコ",
        "イチロウ",
        "モモ",
    ]
    assert visit.event_date == date(2026, 11, 20)
    assert visit.answers["previous_address.address"].startswith("北海道札幌市")
    case = build_case(visit, today=date(2026, 11, 25))
    assert [m["id"] for m in case["household"]] == ["a1", "a2", "a3", "a4"]
    assert case["subjects"] == ["a1", "a2", "a3", "a4"]
    assert case["household"][2]["birth_date"] == "2017-06-01"
    assert case["address"]["address"] == "北海道みほん市緑町1丁目1番1号"
    assert case["new_address"]["postal_code"] == "099-9902"
    assert case["details"]["from_place"].startswith("北海道札幌市")


def test_answers_for_an_arrival_are_kept_by_its_id(signed_in: Client) -> None:
    visit = _arrive(signed_in)
    case = build_case(visit)

    key = answer_key(case, "household[1].health_insurance")

    assert key == "household[a2].health_insurance"
    assert storage_key_to_path(case, key) == ["household", 1, "health_insurance"]


def test_the_screens_list_the_arrivals_and_record_no_access(
    signed_in: Client,
) -> None:
    visit = _arrive(signed_in)

    page = signed_in.get(reverse("counter:interview", args=[visit.pk]))
    visits = signed_in.get(reverse("counter:visits"))

    assert page.status_code == 200
    assert "見本 太郎" in visits.content.decode()
    assert AccessRecord.objects.count() == 0


def test_the_visit_goes_on_to_signing_with_the_arrivals(signed_in: Client) -> None:
    visit = _arrive(signed_in)

    answer_everything(signed_in, visit)
    signed_in.post(
        reverse("counter:interview", args=[visit.pk]),
        {"version": Visit.objects.get(pk=visit.pk).version, "proceed": "1"},
    )
    review = signed_in.get(reverse("counter:review", args=[visit.pk]))
    signed_in.post(
        reverse("counter:review", args=[visit.pk]),
        {"version": Visit.objects.get(pk=visit.pk).version},
    )
    confirm = signed_in.get(reverse("counter:confirm", args=[visit.pk]))
    signed_in.post(
        reverse("counter:confirm", args=[visit.pk]),
        {"version": Visit.objects.get(pk=visit.pk).version, "phone": ""},
    )
    packet = signed_in.get(reverse("counter:packet", args=[visit.pk]))
    signed_in.post(
        reverse("counter:sign", args=[visit.pk]),
        {"version": Visit.objects.get(pk=visit.pk).version},
    )

    assert "転入届" in review.content.decode()
    assert "見本 桃" in review.content.decode()
    assert "見本 一郎" in confirm.content.decode()
    assert "みほんハイツ101" in confirm.content.decode()
    assert packet["Content-Type"] == "application/pdf"
    signed = Visit.objects.get(pk=visit.pk)
    assert signed.status == VisitStatus.SIGNED
    assert "jumin_tennyu" in signed.tasks.values_list("code", flat=True)
    status = signed_in.get(reverse("counter:status", args=[visit.pk]))
    assert status.status_code == 200
    assert AccessRecord.objects.count() == 0


def test_a_bad_birth_date_names_the_row_and_keeps_what_was_typed(
    signed_in: Client,
) -> None:
    visit = _open(signed_in)
    form = _form(visit, FAMILY, **{"birth_date-1": "R8.13.40"})

    response = signed_in.post(reverse("counter:arrivals", args=[visit.pk]), form)

    page = response.content.decode()
    assert response.status_code == 200
    assert "2人目 生年月日:" in page
    assert 'value="R8.13.40"' in page
    assert 'value="いちろう"' in page
    assert "みほんハイツ101" in page
    assert Visit.objects.get(pk=visit.pk).arrivals == []


def test_exactly_one_head_is_asked_for(signed_in: Client) -> None:
    visit = _open(signed_in)
    two_heads = [FAMILY[0], FAMILY[0][:6] + ("世帯主",)]

    response = signed_in.post(
        reverse("counter:arrivals", args=[visit.pk]), _form(visit, two_heads)
    )

    assert "世帯主を一人だけ" in response.content.decode()


def test_adding_a_person_keeps_the_rows_typed(signed_in: Client) -> None:
    visit = _open(signed_in)
    form = _form(visit, FAMILY[:1], add="1")
    del form["save"]

    response = signed_in.post(reverse("counter:arrivals", args=[visit.pk]), form)

    page = response.content.decode()
    assert 'name="family_name-1"' in page
    assert 'value="たろう"' in page


def test_the_postal_code_shows_the_town(signed_in: Client) -> None:
    url = reverse("counter:postal_address")

    found = signed_in.get(url, {"new_postal_code": "060-0001"}).content.decode()
    unknown = signed_in.get(url, {"new_postal_code": "099-9999"}).content.decode()

    assert "北海道札幌市中央区北一条西" in found
    assert "099-9999 に当たる住所が見つかりません" in unknown


def test_completing_jumin_tennyu_enters_the_household_once(
    signed_in: Client, department_staff: StaffUser
) -> None:
    visit = _arrive(signed_in)
    Visit.objects.filter(pk=visit.pk).update(status=VisitStatus.SIGNED)
    task = Task.objects.create(
        visit=visit,
        code="jumin_tennyu",
        name="転入届",
        department=Department.objects.get(code="shimin"),
        counter_code="shimin-1",
        created_at=timezone.now(),
    )

    change_state(task, TaskState.DONE, department_staff)
    again = Visit.objects.get(pk=visit.pk)
    apply_to_register(again, "jumin_tennyu", department_staff)

    household = Household.objects.get(address="北海道みほん市緑町1丁目1番1号")
    assert again.household == household
    assert (household.postal_code, household.katagaki) == (
        "099-9902",
        "みほんハイツ101",
    )
    people = list(Resident.objects.filter(household=household).order_by("pk"))
    assert [p.relationship for p in people] == ["世帯主", "妻", "子", "子"]
    assert all(is_valid_juminhyo_code(p.juminhyo_code) for p in people)
    assert all(p.became_resident_on == PartialDate(2026, 11, 20) for p in people)
    assert all(p.address_since == PartialDate(2026, 11, 20) for p in people)
    assert all(p.status == Status.RESIDENT for p in people)
    assert Household.objects.filter(address=household.address).count() == 1
    assert task.register_updated_at is not None


def test_empty_rows_are_left_out_and_rows_keep_their_numbers(
    signed_in: Client,
) -> None:
    visit = _open(signed_in)
    waiting = ("見本", "", "ミホン", "", "", "", "")
    people = [FAMILY[0], waiting, FAMILY[1][:4] + ("", "F", "妻"), waiting]

    response = signed_in.post(
        reverse("counter:arrivals", args=[visit.pk]), _form(visit, people)
    )

    assert "3人目 生年月日:" in response.content.decode()
    fixed = _form(visit, people, **{"birth_date-2": "S63.7.15"})
    response = signed_in.post(reverse("counter:arrivals", args=[visit.pk]), fixed)
    arrived = Visit.objects.get(pk=visit.pk).arrivals
    assert response.url == reverse("counter:interview", args=[visit.pk])
    assert [p["given_name"] for p in arrived] == ["太郎", "花子"]


def test_a_form_with_only_empty_rows_asks_for_the_first_person(
    signed_in: Client,
) -> None:
    visit = _open(signed_in)
    form = _form(visit, [("", "", "", "", "", "", "世帯主")])

    response = signed_in.post(reverse("counter:arrivals", args=[visit.pk]), form)

    page = response.content.decode()
    assert "転入する人: 一人目の名と生年月日を入力してください。" in page
    assert "世帯主を一人だけ" not in page
    assert Visit.objects.get(pk=visit.pk).arrivals == []


def test_the_sex_follows_from_the_relationship_unless_chosen(
    signed_in: Client,
) -> None:
    visit = _open(signed_in)
    people = [
        FAMILY[0],
        FAMILY[1][:5] + ("", "妻"),
        FAMILY[2][:5] + ("", "父"),
        FAMILY[3][:5] + ("M", "母"),
    ]

    signed_in.post(reverse("counter:arrivals", args=[visit.pk]), _form(visit, people))

    arrived = Visit.objects.get(pk=visit.pk).arrivals
    assert [p["sex"] for p in arrived] == ["M", "F", "M", "M"]


def test_a_child_without_a_sex_is_refused_by_row_and_field(
    signed_in: Client,
) -> None:
    visit = _open(signed_in)
    people = [FAMILY[0], FAMILY[2][:5] + ("", "子")]

    response = signed_in.post(
        reverse("counter:arrivals", args=[visit.pk]), _form(visit, people)
    )

    assert "2人目 性別: 選んでください。" in response.content.decode()


def test_the_first_row_starts_as_head_and_added_rows_take_its_surname(
    signed_in: Client,
) -> None:
    visit = _open(signed_in)
    first = signed_in.get(reverse("counter:arrivals", args=[visit.pk])).content
    form = _form(visit, FAMILY[:1], add="1")
    del form["save"]

    added = signed_in.post(reverse("counter:arrivals", args=[visit.pk]), form)

    head = first.decode().split('name="relationship-0"')[1].split("</select>")[0]
    assert '<option value="世帯主" selected>' in head
    page = added.content.decode()
    assert 'name="family_name-1" value="見本"' in page
    assert 'name="family_name_kana-1" value="みほん"' in page
    assert 'name="given_name-1" value=""' in page


def test_the_relationship_comes_before_the_sex_in_each_row(
    signed_in: Client,
) -> None:
    visit = _open(signed_in)

    page = signed_in.get(reverse("counter:arrivals", args=[visit.pk])).content

    assert page.index(b'name="relationship-0"') < page.index(b'name="sex-0"')


def test_an_empty_reading_gets_a_suggestion_marked_to_check(
    signed_in: Client,
) -> None:
    url = reverse("counter:reading")

    page = signed_in.get(
        url, {"family_name-2": "髙橋", "family_name_kana-2": ""}
    ).content.decode()

    assert 'name="family_name_kana-2" value="タカハシ"' in page
    assert "読みの候補です。本人に確かめてください。" in page


def test_a_typed_reading_is_never_replaced(signed_in: Client) -> None:
    url = reverse("counter:reading")

    page = signed_in.get(
        url, {"given_name-0": "太郎", "given_name_kana-0": "ふとし"}
    ).content.decode()

    assert 'name="given_name_kana-0" value="ふとし"' in page
    assert "読みの候補" not in page


def test_a_name_without_a_reading_leaves_the_field_empty(signed_in: Client) -> None:
    url = reverse("counter:reading")

    page = signed_in.get(
        url, {"given_name-1": "Smith", "given_name_kana-1": ""}
    ).content.decode()
    refused = signed_in.get(url, {"given_name-1": "太郎"})

    assert 'name="given_name_kana-1" value=""' in page
    assert "読みの候補" not in page
    assert refused.status_code == 400
    assert "フリガナ:" in refused.content.decode()


def test_a_postal_code_of_the_municipality_names_its_town(signed_in: Client) -> None:
    url = reverse("counter:postal_address")

    found = signed_in.get(url, {"new_postal_code": "0999904"}).content.decode()

    assert 'value="北海道みほん市緑町"' in found


def test_the_postal_code_keeps_the_address_typed(signed_in: Client) -> None:
    url = reverse("counter:postal_address")

    going_on = signed_in.get(
        url,
        {"new_postal_code": "099-9904", "new_address": "北海道みほん市緑町2丁目3番"},
    ).content.decode()
    other = signed_in.get(
        url, {"new_postal_code": "099-9904", "new_address": "北海道みほん市本町1丁目"}
    ).content.decode()

    assert 'value="北海道みほん市緑町2丁目3番"' in going_on
    assert 'value="北海道みほん市本町1丁目"' in other
    assert "099-9904 は 北海道みほん市緑町 の番号です" in other


def test_a_bad_postal_code_names_the_field(signed_in: Client) -> None:
    url = reverse("counter:postal_address")

    page = signed_in.get(url, {"new_postal_code": "12-34"}).content.decode()

    assert "郵便番号" in page
    assert "7桁の数字で入力してください" in page


def test_an_address_in_a_town_of_the_pack_needs_no_postal_code(
    signed_in: Client,
) -> None:
    visit = _open(signed_in)
    form = _form(
        visit, FAMILY, new_postal_code="", new_address="北海道みほん市緑町1丁目1番1号"
    )

    signed_in.post(reverse("counter:arrivals", args=[visit.pk]), form)

    answers = Visit.objects.get(pk=visit.pk).answers
    assert answers["new_address.postal_code"] == "099-9904"


def test_a_couple_moving_in_files_their_marriage_in_the_same_visit(
    signed_in: Client,
) -> None:
    visit = _open(signed_in)
    couple = FAMILY[:2]

    signed_in.post(
        reverse("counter:arrivals", args=[visit.pk]),
        _form(visit, couple, more_event="marriage", more_event_date="R8.11.25"),
    )

    visit.refresh_from_db()
    assert visit.more_events == [{"event": "marriage", "event_date": "2026-11-25"}]
    codes = {p["code"]: p["event"] for p in navigate_visit(visit).procedures}
    assert (codes["jumin_tennyu"], codes["koseki_konin"]) == ("move_in", "marriage")
    page = signed_in.get(reverse("counter:arrivals", args=[visit.pk])).content
    assert 'value="R8.11.25"' in page.decode() or "令和8年11月25日" in page.decode()


def test_moving_in_twice_is_refused_naming_the_field(signed_in: Client) -> None:
    visit = _open(signed_in)

    page = signed_in.post(
        reverse("counter:arrivals", args=[visit.pk]),
        _form(visit, FAMILY[:2], more_event="move_in"),
    ).content.decode()

    assert "あわせて届け出る事由: 届出の事由と別のものを選んでください。" in page
    assert Visit.objects.get(pk=visit.pk).arrivals == []
