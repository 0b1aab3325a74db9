"""A birth at the counter: the clerk takes the child's name once, the packet
is signed, every department completes its part, and the register shows the
child in the household."""

from typing import Any

import pytest

from madoguchi.counter.models import Task, Visit, VisitStatus
from madoguchi.counter.tests.factories import family_of_four
from madoguchi.register.models import Status
from madoguchi.staff.models import StaffUser
from tests.browser.clerk import (
    Clerk,
    answer_interview,
    every_department_completes_its_part,
)
from tests.browser.conftest import shoot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_birth_reaches_every_department_and_the_register(
    page: Any, clerk: StaffUser, demo_pack: None
) -> None:
    home = family_of_four(family_name="架空", kana="カクウ")
    counted = Clerk()
    act = counted.act

    page.goto("/")
    sign_in(page, "clerk")
    act(page.get_by_label("氏名(漢字・かな)"), "かくう はるこ")
    act(page.get_by_role("button", name="検索"))
    act(page.locator("#results").get_by_role("link", name="架空 春子"))
    act(page.get_by_role("button", name="この世帯で来庁受付"))

    page.get_by_role("heading", name="届出の内容").wait_for()
    newborn = page.locator("#newborn")
    assert newborn.is_hidden()
    act(page.get_by_role("radio", name="出生"))
    newborn.wait_for()
    # The child's surname comes from the household; the clerk types the rest.
    assert page.get_by_label("子の氏", exact=True).input_value() == "架空"
    act(page.get_by_label("事由発生日(和暦・西暦)"), "R8.11.20")
    act(page.get_by_label("子の名", exact=True), "みらい")
    act(page.get_by_label("子の名(フリガナ)"), "みらい")
    act(page.get_by_label("子の性別"), "女")
    shoot(page, "birth-1-event")
    act(page.get_by_role("button", name="次へ"))

    page.get_by_role("heading", name="聞き取り").wait_for()
    answer_interview(page, counted)
    act(page.get_by_role("button", name="次へ"))

    page.get_by_role("heading", name="手続きの確認").wait_for()
    must = page.locator("table.must").inner_text()
    for name in ("出生届", "児童手当", "子ども医療"):
        assert name in must, name
    assert "架空 みらい" in must
    shoot(page, "birth-2-review")
    act(page.get_by_role("button", name="次へ"))

    page.get_by_role("heading", name="印字内容の確認").wait_for()
    assert "カクウ ミライ" in page.locator("table.household").inner_text()
    act(page.get_by_role("button", name="この内容で印刷へ"))

    page.get_by_role("heading", name="印刷と署名").wait_for()
    text = counted.open_packet(page)
    assert "みらい" in text
    act(page.get_by_role("button", name="署名をいただきました"))
    page.get_by_role("heading", name="受付中の案件").wait_for()
    print(f"clerk actions for a birth: {counted.actions}")  # noqa: T201

    # Each department with a part in the visit completes it on its worklist.
    assert len({t.department for t in Task.objects.select_related("department")}) >= 2
    every_department_completes_its_part(page, "架空 太郎")
    page.get_by_role("button", name="ログアウト").click()

    assert Visit.objects.get().status == VisitStatus.CLOSED
    child = home.members.get(given_name="みらい")
    assert (child.status, child.relationship, child.given_name_kana) == (
        Status.RESIDENT,
        "子",
        "ミライ",
    )
    sign_in(page, "clerk")
    page.goto(f"/register/residents/{child.pk}/")
    assert "令和8年11月20日" in page.inner_text("main")
