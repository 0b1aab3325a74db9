"""The clerk's visit, step by step, through Django's test client."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from madoguchi.audit.models import AccessRecord
from madoguchi.counter.models import Visit, VisitStatus
from madoguchi.counter.tests.factories import members
from madoguchi.counter.tests.steps import answer_everything, open_visit
from madoguchi.register.models import Household
from madoguchi.staff.models import StaffUser

pytestmark = pytest.mark.django_db


def _choose_move(client: Client, visit: Visit, home: Household) -> None:
    client.post(
        reverse("counter:event", args=[visit.pk]),
        {
            "version": Visit.objects.get(pk=visit.pk).version,
            "event": "move_within",
            "event_date": "R8.11.20",
            "subjects": [r.pk for r in members(home)],
        },
    )


def test_the_resident_page_offers_to_open_a_visit(
    signed_in: Client, home: Household
) -> None:
    head = members(home)[0]

    page = signed_in.get(reverse("register:resident", args=[head.pk]))

    assert "この世帯で来庁受付" in page.content.decode()


def test_a_visit_goes_from_event_to_signature(
    signed_in: Client, home: Household
) -> None:
    visit = open_visit(signed_in, home)

    event_page = signed_in.get(reverse("counter:event", args=[visit.pk]))
    assert "転居" in event_page.content.decode()
    _choose_move(signed_in, visit, home)
    visit.refresh_from_db()
    assert visit.event == "move_within"
    assert str(visit.event_date) == "2026-11-20"
    assert len(visit.subjects) == 4
    assert visit.event_chosen_at is not None

    asked = answer_everything(signed_in, visit)
    assert asked >= 1
    visit.refresh_from_db()
    assert len(visit.answers) == asked
    signed_in.post(
        reverse("counter:interview", args=[visit.pk]),
        {"version": visit.version, "proceed": "1"},
    )

    review = signed_in.get(reverse("counter:review", args=[visit.pk])).content
    must = review.decode().split('class="results procedures must"')[1]
    assert 'name="done-jumin_tenkyo"' in must.split("</table>")[0]
    assert "受付中の案件</a>" in review.decode()
    visit.refresh_from_db()
    signed_in.post(
        reverse("counter:review", args=[visit.pk]),
        {"version": visit.version, "done-jumin_tenkyo": "on"},
    )
    visit.refresh_from_db()
    tenkyo = next(p for p in visit.procedures if p["code"] == "jumin_tenkyo")
    assert (tenkyo["done_today"], tenkyo["included"]) == (True, True)

    confirm = signed_in.get(reverse("counter:confirm", args=[visit.pk])).content
    assert "昭和56年6月15日" in confirm.decode()
    assert "カクウ タロウ" in confirm.decode()
    signed_in.post(
        reverse("counter:confirm", args=[visit.pk]),
        {
            "version": visit.version,
            "phone": "0157-99-0001",
            "new_postal_code": "099-9902",
            "new_address": "北海道みほん市緑町1丁目1番1号",
        },
    )
    visit.refresh_from_db()
    assert visit.answers["phone"] == "0157-99-0001"
    assert visit.confirmed_at is not None

    first = signed_in.get(reverse("counter:packet", args=[visit.pk]))
    again = signed_in.get(reverse("counter:packet", args=[visit.pk]))
    assert first["Content-Type"] == again["Content-Type"] == "application/pdf"
    assert first["Content-Disposition"].startswith("inline")
    assert first.content.startswith(b"%PDF")
    visit.refresh_from_db()
    assert visit.print_count == 2
    assert visit.printed_at is not None

    signed_in.post(reverse("counter:sign", args=[visit.pk]), {"version": visit.version})
    visit.refresh_from_db()
    assert visit.status == VisitStatus.SIGNED
    assert visit.signed_at is not None


def test_every_look_at_the_household_is_audited_with_the_visit(
    signed_in: Client, home: Household
) -> None:
    visit = open_visit(signed_in, home)

    signed_in.get(reverse("counter:event", args=[visit.pk]))

    records = AccessRecord.objects.filter(purpose=f"来庁案件 {visit.pk}")
    assert {r.resident_id for r in records} == {r.pk for r in members(home)}
    assert {r.screen for r in records} == {"来庁受付(届出の内容)"}


def test_a_bad_event_date_is_explained_naming_the_field(
    signed_in: Client, home: Household
) -> None:
    visit = open_visit(signed_in, home)

    page = signed_in.post(
        reverse("counter:event", args=[visit.pk]),
        {"version": visit.version, "event": "move_within", "event_date": "R8.13.40"},
    )

    text = page.content.decode()
    assert "事由発生日" in text and 'role="alert"' in text
    assert "対象者: 一人以上選んでください。" in text
    visit.refresh_from_db()
    assert visit.event == "" and visit.event_chosen_at is None


def test_a_stale_version_is_refused_and_changes_nothing(
    signed_in: Client, home: Household
) -> None:
    visit = open_visit(signed_in, home)
    _choose_move(signed_in, visit, home)
    visit.refresh_from_db()

    page = signed_in.post(
        reverse("counter:event", args=[visit.pk]),
        {
            "version": visit.version - 1,
            "event": "birth",
            "event_date": "R8.11.21",
            "subjects": [members(home)[0].pk],
        },
    )

    assert page.status_code == 409
    assert "ほかの職員がこの案件を更新しました" in page.content.decode()
    after = Visit.objects.get(pk=visit.pk)
    assert (after.event, after.version, len(after.subjects)) == (
        "move_within",
        visit.version,
        4,
    )


def test_an_interrupted_visit_is_listed_and_resumed_at_its_step(
    signed_in: Client, home: Household
) -> None:
    visit = open_visit(signed_in, home)
    _choose_move(signed_in, visit, home)

    listing = signed_in.get(reverse("counter:visits")).content.decode()
    resumed = signed_in.get(reverse("counter:resume", args=[visit.pk]))

    assert "架空 太郎" in listing and "聞き取りから再開" in listing
    assert resumed.url == reverse("counter:interview", args=[visit.pk])


def test_reception_may_not_open_a_visit(
    client: Client, reception: StaffUser, home: Household
) -> None:
    client.force_login(reception)

    response = client.post(reverse("counter:open", args=[home.pk]))

    assert response.status_code == 403
    assert not Visit.objects.exists()


def test_an_answer_is_kept_by_member_and_not_asked_again(
    signed_in: Client, home: Household
) -> None:
    visit = open_visit(signed_in, home)
    _choose_move(signed_in, visit, home)
    url = reverse("counter:interview", args=[visit.pk])
    page = signed_in.get(url).content.decode()
    field = page.split('name="field" value="')[1].split('"')[0].replace("&quot;", '"')

    after = signed_in.post(
        url,
        {
            "version": Visit.objects.get(pk=visit.pk).version,
            "field": field,
            "value": json.dumps("国保"),
        },
        headers={"HX-Request": "true"},
    ).content.decode()

    assert Visit.objects.get(pk=visit.pk).answers[field] == "国保"
    assert f'name="field" value="{field}"' not in after


def test_an_answer_can_be_taken_back_and_is_asked_again(
    signed_in: Client, home: Household
) -> None:
    visit = open_visit(signed_in, home)
    _choose_move(signed_in, visit, home)
    url = reverse("counter:interview", args=[visit.pk])
    page = signed_in.get(url).content.decode()
    field = page.split('name="field" value="')[1].split('"')[0].replace("&quot;", '"')
    signed_in.post(
        url,
        {
            "version": Visit.objects.get(pk=visit.pk).version,
            "field": field,
            "value": json.dumps("社保"),
        },
    )
    answered = signed_in.get(url).content.decode()
    assert "架空 太郎" in answered and "→ 勤め先の健康保険" in answered

    signed_in.post(
        url, {"version": Visit.objects.get(pk=visit.pk).version, "forget": field}
    )

    assert field not in Visit.objects.get(pk=visit.pk).answers
    assert f'name="field" value="{field}"' in signed_in.get(url).content.decode()


def test_a_signed_visit_refuses_changes(
    signed_in: Client, home: Household, clerk: StaffUser
) -> None:
    visit = Visit.objects.create(
        opened_by=clerk, household=home, event="move_within", status="signed"
    )

    page = signed_in.post(
        reverse("counter:event", args=[visit.pk]),
        {"version": visit.version, "event": "birth", "event_date": "R8.11.21"},
    )

    assert page.status_code == 409
    assert "署名済み" in page.content.decode()
    assert Visit.objects.get(pk=visit.pk).event == "move_within"
