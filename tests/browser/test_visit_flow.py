"""A clerk in the real browser takes a family of four from the register to
the printed packet of their move within the city, with the keyboard and
mouse only, and counts what it took; then a department completes a task."""

from typing import Any

import pytest

from conftest import PASSWORD
from madoguchi.counter.models import Task, TaskState, Visit
from madoguchi.counter.tests.factories import family_of_four
from madoguchi.staff.models import Role, StaffUser
from tests.browser.clerk import Clerk, answer_interview
from tests.browser.conftest import shoot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_clerk_takes_a_family_from_search_to_the_packet(
    page: Any, clerk: StaffUser, demo_pack: None
) -> None:
    family_of_four(family_name="架空", kana="カクウ")
    counted = Clerk()
    act = counted.act

    page.goto("/")
    counted.sign_in(page, "clerk")
    act(page.get_by_label("氏名(漢字・かな)"), "かくう たろう")
    act(page.get_by_role("button", name="検索"))
    page.locator("#results").get_by_role("link", name="架空 太郎").wait_for()
    shoot(page, "visit-1-search")
    act(page.locator("#results").get_by_role("link", name="架空 太郎"))
    act(page.get_by_role("button", name="この世帯で来庁受付"))

    page.get_by_role("heading", name="届出の内容").wait_for()
    act(page.get_by_role("radio", name="転居"))
    assert page.get_by_role("checkbox", name="架空 大地", exact=False).is_checked()
    act(page.get_by_label("事由発生日(和暦・西暦)"), "R8.11.20")
    shoot(page, "visit-2-event")
    act(page.get_by_role("button", name="次へ"))

    page.get_by_role("heading", name="聞き取り").wait_for()
    answer_interview(page, counted)
    shoot(page, "visit-3-interview")
    act(page.get_by_role("button", name="次へ"))

    page.get_by_role("heading", name="手続きの確認").wait_for()
    assert page.locator("table.must").get_by_text("本日完了").count() >= 1
    act(page.locator("table.must").get_by_role("checkbox").first)
    shoot(page, "visit-4-review")
    act(page.get_by_role("button", name="次へ"))

    page.get_by_role("heading", name="印字内容の確認").wait_for()
    assert "昭和56年6月15日" in page.inner_text("main")
    act(page.get_by_label("住所(新)"), "北海道みほん市緑町1丁目1番1号")
    act(page.get_by_label("日中の電話番号"), "0157-99-0001")
    shoot(page, "visit-5-confirm")
    act(page.get_by_role("button", name="この内容で印刷へ"))

    page.get_by_role("heading", name="印刷と署名").wait_for()
    shoot(page, "visit-6-print")
    text = counted.open_packet(page)
    assert "架空" in text

    page.reload()
    act(page.get_by_role("button", name="署名をいただきました"))
    page.get_by_role("heading", name="受付中の案件").wait_for()
    visit = Visit.objects.get()
    assert (visit.status, visit.print_count) == ("signed", 1)
    # The count is the measure the product is judged by; pytest -s shows it.
    print(f"clerk actions from sign-in to signature: {counted.actions}")  # noqa: T201

    # A member of the department of a waiting task signs in and completes it.
    task = Task.objects.filter(state=TaskState.WAITING).select_related("department")[0]
    worker = StaffUser(username="tantou", role=Role.DEPARTMENT, last_name="担当")
    worker.department = task.department
    worker.set_password(PASSWORD)
    worker.save()
    page.get_by_role("button", name="ログアウト").click()
    sign_in(page, "tantou")
    page.get_by_role("link", name="担当課の作業").click()
    row = page.locator(f"#task-{task.pk}")
    assert "架空 太郎" in row.inner_text()
    shoot(page, "visit-7-worklist")
    row.get_by_role("button", name="完了").click()
    page.locator(f"#task-{task.pk} .state").get_by_text("完了").wait_for()
    task.refresh_from_db()
    assert (task.state, task.settled_by) == (TaskState.DONE, worker)
