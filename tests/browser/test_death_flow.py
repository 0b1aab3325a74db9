"""A wife reports her husband's death (おくやみ): the clerk takes it from the
register search to the signed packet, each department with a task completes
it from its worklist, the visit closes and the register shows him as 死亡."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from madoguchi.counter.models import Visit, VisitStatus
from madoguchi.japanese.wareki import PartialDate
from madoguchi.register.models import Household, Resident
from madoguchi.register.tests.factories import HouseholdFactory, ResidentFactory
from madoguchi.staff.models import StaffUser
from tests.browser.clerk import (
    Clerk,
    answer_interview,
    every_department_completes_its_part,
)
from tests.browser.conftest import shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# How this couple answers the interview: the first words of a question, and
# the first words of the answer they give. A question not listed here fails
# the test, so a new question is answered on purpose, not by chance.
ANSWERS = {
    "いま入っている健康保険はどれですか": "後期高齢者医療",
    "遺族年金を受けるための保険料の納付の条件": "満たしている",
    "国民年金の種類はどれですか": "入っていない",
}


def elderly_couple() -> Household:
    """Return a household of a man of 78 and his wife of 75 (invented)."""
    home = HouseholdFactory(address="北海道みほん市栄町5丁目2番8号")
    ResidentFactory(household=home, family_name="架空", family_name_kana="カクウ",
                    given_name="茂", given_name_kana="シゲル", sex="M",
                    relationship="世帯主", birth_date=PartialDate(1948, 3, 10))  # fmt: skip
    ResidentFactory(household=home, family_name="架空", family_name_kana="カクウ",
                    given_name="和子", given_name_kana="カズコ", sex="F",
                    relationship="妻", birth_date=PartialDate(1951, 8, 22))  # fmt: skip
    return home


# What the review must list for this couple, with the department of each.
MUST = [
    ("死亡届", "市民課"),
    ("火葬許可申請", "市民課"),
    ("後期高齢者医療 資格喪失届(被保険者証返還)", "保険年金課"),
    ("後期高齢者医療 葬祭費支給申請", "保険年金課"),
    ("介護保険 資格喪失届(被保険者証返還)", "介護保険課"),
]


def test_a_death_is_reported_once_and_every_department_completes_it(
    page: Any, clerk: StaffUser, demo_pack: None
) -> None:
    home = elderly_couple()
    died_on = timezone.localdate() - timedelta(days=2)
    counted = Clerk()
    act = counted.act

    page.goto("/")
    counted.sign_in(page, "clerk")
    page.get_by_role("button", name="転入の受付(新しく来た世帯)").wait_for()
    shoot(page, "death-01-start")

    act(page.get_by_label("氏名(漢字・かな)"), "かくう しげる")
    act(page.get_by_role("button", name="検索"))
    page.locator("#results").get_by_text("1件見つかりました").wait_for()
    shoot(page, "death-02-search")
    act(page.locator("#results").get_by_role("link", name="架空 茂"))
    page.get_by_role("heading", name="同じ世帯の人").wait_for()
    shoot(page, "death-03-household")
    act(page.get_by_role("button", name="この世帯で来庁受付"))

    page.get_by_role("heading", name="届出の内容").wait_for()
    act(page.get_by_role("radio", name="死亡", exact=True))
    act(page.get_by_role("checkbox", name="世帯主 架空 茂", exact=False))
    act(page.get_by_label("事由発生日(和暦・西暦)"), died_on.isoformat())
    shoot(page, "death-04-event")
    act(page.get_by_role("button", name="次へ"))

    page.get_by_role("heading", name="聞き取り").wait_for()
    answer_interview(page, counted, ANSWERS)
    shoot(page, "death-05-interview")
    act(page.get_by_role("button", name="次へ"))

    page.get_by_role("heading", name="手続きの確認").wait_for()
    must = page.locator("table.must")
    for name, department in MUST:
        row = must.locator("tbody tr").filter(has=page.get_by_text(name, exact=True))
        assert department in row.inner_text(), (name, department)
    assert "国民健康保険" not in must.inner_text()
    shoot(page, "death-06-review")
    act(page.get_by_role("button", name="次へ"))

    page.get_by_role("heading", name="印字内容の確認").wait_for()
    # When the head dies, the clerk says who heads the household next.
    chooses_new_head = page.get_by_label("新しい世帯主").count() > 0
    if chooses_new_head:
        act(page.get_by_label("新しい世帯主"), "妻 架空 和子")
    shoot(page, "death-07-confirm")
    act(page.get_by_label("日中の電話番号"), "0157-99-0002")
    act(page.get_by_role("button", name="この内容で印刷へ"))

    page.get_by_role("heading", name="印刷と署名").wait_for()
    shoot(page, "death-08-print")
    text = counted.open_packet(page)
    assert "死亡のお手続き" in text
    assert "架空 茂" in text
    assert "後期高齢者医療 葬祭費支給申請" in text

    page.reload()
    act(page.get_by_role("button", name="署名をいただきました"))
    page.get_by_role("heading", name="受付中の案件").wait_for()
    visit = Visit.objects.get()
    assert visit.status == VisitStatus.SIGNED
    # The count is the measure the product is judged by; pytest -s shows it.
    print(f"clerk actions for a death, sign-in to signature: {counted.actions}")  # noqa: T201

    # Back on the start screen, the visit waits for the departments.
    page.goto("/")
    listed = page.locator("ul.open-visits").inner_text()
    assert f"案件 {visit.pk}(" in listed
    assert "署名済み" in listed
    shoot(page, "death-09-start")

    # Each department with a task signs in and completes it from its worklist.
    departments = {task.department for task in visit.tasks.select_related("department")}
    assert {d.name for d in departments} >= {"市民課", "保険年金課", "介護保険課"}
    every_department_completes_its_part(
        page, "架空", picture=("保険年金課", "death-10-worklist")
    )

    visit.refresh_from_db()
    assert visit.status == VisitStatus.CLOSED
    deceased = Resident.objects.get(given_name="茂")
    page.goto(f"/register/residents/{deceased.pk}/")
    assert page.locator("h1 .status").inner_text() == "死亡"
    shoot(page, "death-11-register")
    if chooses_new_head:
        wife = Resident.objects.get(given_name="和子")
        assert home.head() == wife
        page.goto(f"/register/residents/{wife.pk}/")
        assert page.locator("dt:text-is('続柄') + dd").inner_text() == "世帯主"
