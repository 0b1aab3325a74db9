"""The search and resident screens as each role meets them."""

import pytest
from django.test import Client
from django.urls import reverse

from madoguchi.audit.models import AccessRecord, Action
from madoguchi.japanese.wareki import PartialDate
from madoguchi.register.tests.factories import HouseholdFactory, ResidentFactory
from madoguchi.staff.models import StaffUser

pytestmark = pytest.mark.django_db


def signed_in(user: StaffUser) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_every_screen_needs_a_sign_in() -> None:
    for url in (reverse("register:search"), reverse("audit:records"), "/"):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("staff:login"))


def test_results_show_wareki_age_household_and_status(clerk: StaffUser) -> None:
    home = HouseholdFactory(
        address="北海道みほん市栄町3丁目4番5号", katagaki="栄ハイツ 101"
    )
    ResidentFactory(household=home, family_name="髙橋", family_name_kana="タカハシ",
                    given_name="一郎", given_name_kana="イチロウ",
                    birth_date=PartialDate(1950, 1, 10))  # fmt: skip
    ResidentFactory(household=home, family_name="髙橋", family_name_kana="タカハシ",
                    given_name="ハナ", given_name_kana="ハナ", relationship="妻",
                    birth_date=PartialDate(1952, 2, 2), deceased=True)  # fmt: skip

    page = (
        signed_in(clerk)
        .get(reverse("register:search"), {"name": "たかはし"})
        .content.decode()
    )

    assert "2件見つかりました" in page
    assert "髙橋 一郎" in page
    assert "昭和25年1月10日" in page
    assert "栄町3丁目4番5号 栄ハイツ 101" in page
    assert "死亡" in page
    assert f"{home.setai_number}" in page


def test_the_deceased_keep_the_age_they_died_at(clerk: StaffUser) -> None:
    home = HouseholdFactory()
    ResidentFactory(household=home, family_name="架空", family_name_kana="カクウ",
                    given_name="茂", given_name_kana="シゲル",
                    birth_date=PartialDate(1948, 3, 10), deceased=True,
                    status_changed_on=PartialDate(2020, 5, 1))  # fmt: skip
    late = home.members.get()

    resident = signed_in(clerk).get(reverse("register:resident", args=[late.pk]))
    results = signed_in(clerk).get(reverse("register:search"), {"name": "かくう"})

    for page in (resident.content.decode(), results.content.decode()):
        assert "死亡時72歳" in page


def test_a_birth_date_known_only_by_year_says_so(clerk: StaffUser) -> None:
    ResidentFactory(birth_month_day_unknown=True)

    page = (
        signed_in(clerk)
        .get(reverse("register:search"), {"name": "やまだ"})
        .content.decode()
    )

    assert "昭和10年 月日不詳" in page
    assert "歳以上" in page


def test_a_bad_birth_date_is_named_in_japanese_and_keeps_what_was_typed(
    clerk: StaffUser,
) -> None:
    page = (
        signed_in(clerk)
        .get(reverse("register:search"), {"name": "やまだ", "birth_date": "S50.2.30"})
        .content.decode()
    )

    assert "生年月日" in page
    assert "2月30日" in page
    assert 'value="やまだ"' in page


def test_an_empty_search_says_what_to_type(clerk: StaffUser) -> None:
    page = (
        signed_in(clerk).get(reverse("register:search"), {"name": ""}).content.decode()
    )

    assert "どれかを入力してください" in page


def test_opening_a_resident_shows_the_household_and_is_audited(
    clerk: StaffUser,
) -> None:
    home = HouseholdFactory()
    head = ResidentFactory(household=home, given_name="太郎", given_name_kana="タロウ")
    child = ResidentFactory(household=home, given_name="次郎", relationship="子",
                            birth_date=PartialDate(2015, 6, 1))  # fmt: skip

    page = (
        signed_in(clerk)
        .get(reverse("register:resident", args=[head.pk]))
        .content.decode()
    )

    assert "山田 太郎" in page and "山田 次郎" in page
    assert "平成27年6月1日" in page
    seen = AccessRecord.objects.filter(staff=clerk, action=Action.VIEW_RESIDENT)
    assert {(r.resident_id, r.screen) for r in seen} == {
        (head.pk, "住民詳細"),
        (child.pk, "住民詳細(世帯員)"),
    }


def test_a_search_is_audited_without_what_was_typed(clerk: StaffUser) -> None:
    ResidentFactory()

    signed_in(clerk).get(
        reverse("register:search"), {"name": "やまだ", "birth_date": "S50"}
    )

    record = AccessRecord.objects.get(staff=clerk, action=Action.SEARCH)
    assert record.detail == "条件: 氏名・生年月日 / 1件"
    assert "やまだ" not in record.detail


def test_reception_cannot_open_the_register(reception: StaffUser) -> None:
    client = signed_in(reception)
    resident = ResidentFactory()

    assert client.get(reverse("register:search"), {"name": "やまだ"}).status_code == 403
    assert (
        client.get(reverse("register:resident", args=[resident.pk])).status_code == 403
    )
    assert not AccessRecord.objects.exists()


def test_department_staff_and_supervisors_can_search(
    department_staff: StaffUser, supervisor: StaffUser
) -> None:
    for user in (department_staff, supervisor):
        assert signed_in(user).get(reverse("register:search")).status_code == 200


def test_supervisor_lists_who_looked_at_which_resident(
    clerk: StaffUser, supervisor: StaffUser
) -> None:
    person = ResidentFactory()
    signed_in(clerk).get(reverse("register:resident", args=[person.pk]))

    page = (
        signed_in(supervisor)
        .get(reverse("audit:records"), {"resident": person.atena_number})
        .content.decode()
    )

    assert "clerk" in page and "住民詳細" in page and person.atena_number in page
    assert signed_in(clerk).get(reverse("audit:records")).status_code == 403


def test_only_administrators_reach_the_admin(
    clerk: StaffUser, supervisor: StaffUser, administrator: StaffUser
) -> None:
    assert signed_in(administrator).get("/admin/").status_code == 200
    for user in (clerk, supervisor):
        response = signed_in(user).get("/admin/")
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
