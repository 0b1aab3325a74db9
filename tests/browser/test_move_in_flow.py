"""A family of four moves in from another city: the whole visit in the browser.

The clerk types the family once from the 転出証明書, asks what the navigator
still needs, prints the packet and takes the signature; every department
then completes its part from its worklist, the visit closes, and the register
search finds the new household.  The clerk's actions (clicks plus fields
filled) are counted; the resident writes nothing.
"""

from typing import Any

import pytest
from playwright.sync_api import expect

from madoguchi.counter.models import Visit, VisitStatus
from madoguchi.staff.models import StaffUser
from tests.browser.clerk import (
    Clerk,
    answer_interview,
    every_department_completes_its_part,
    shown,
)
from tests.browser.conftest import shoot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_ADDRESS = "北海道みほん市緑町1丁目1番1号"
PREVIOUS_ADDRESS = "北海道札幌市中央区北一条西2丁目1番地"
# 氏, 名, readings as on the 転出証明書, 生年月日, 続柄, 性別: working parents
# and their two children, a boy of 9 and a baby girl.
FAMILY = [
    ("試験", "太郎", "シケン", "タロウ", "S60.4.1", "世帯主", "男"),
    ("試験", "花子", "シケン", "ハナコ", "S63.7.15", "妻", "女"),
    ("試験", "一郎", "シケン", "イチロウ", "H29.6.1", "子", "男"),
    ("試験", "桃", "シケン", "モモ", "R8.5.10", "子", "女"),
]
# What this family answers: both parents work for employers with 社会保険,
# and the children are their dependants on it.
ANSWERS = {"いま入っている健康保険はどれですか?": "勤め先の健康保険"}
NAME_LABELS = ("氏", "名", "生年月日", "続柄", "性別")


def test_a_family_of_four_moves_in_from_search_to_the_register(
    page: Any, clerk: StaffUser, demo_pack: None
) -> None:
    counted = Clerk()
    page.goto("/")
    counted.sign_in(page, "clerk")
    sign_in_actions, counted.actions = counted.actions, 0

    arrival = page.get_by_role("button", name="転入の受付(新しく来た世帯)")
    page.get_by_role("heading", name="住民検索").wait_for()
    if not arrival.is_visible():
        counted.click(page.get_by_role("link", name="受付中の案件"))
    counted.click(arrival)

    # The arrivals: only what the screen cannot know is typed or chosen.
    page.get_by_role("heading", name="転入する人と住所(転出証明書から)").wait_for()
    counted.fill(page.get_by_label("転入した日(和暦・西暦)"), "R8.11.20")
    rows = page.locator("table.arrivals tbody tr")
    for index, person in enumerate(FAMILY):
        row = rows.nth(index)
        family_name, given_name, _kana, _given_kana, born, relation, sex = person
        for label, value in zip(
            NAME_LABELS, (family_name, given_name, born, relation, sex), strict=True
        ):
            counted.settle(row.get_by_label(label, exact=True), value)
    counted.fill(page.get_by_label("前の住所"), PREVIOUS_ADDRESS)
    counted.fill(page.locator("#new_address"), NEW_ADDRESS)

    # The readings came from the dictionary, marked for the clerk to read back;
    # the resident confirms them aloud, and none needed correcting.
    for index, person in enumerate(FAMILY):
        row = rows.nth(index)
        for label, reading in (
            ("氏(フリガナ)", person[2]),
            ("名(フリガナ)", person[3]),
        ):
            field = row.get_by_label(label, exact=True)
            expect(field).not_to_have_value("")
            counted.settle(field, reading)
    assert rows.first.get_by_text("読みの候補です").count() == 2
    assert rows.count() == len(FAMILY) + 1
    shoot(page, "move-in-arrivals")
    counted.click(page.get_by_role("button", name="次へ"))

    page.get_by_role("heading", name="聞き取り").wait_for()
    visit = Visit.objects.get()
    assert [p["given_name_kana"] for p in visit.arrivals] == [p[3] for p in FAMILY]
    assert [p["sex"] for p in visit.arrivals] == ["M", "F", "M", "F"]
    assert visit.answers["new_address.postal_code"] == "099-9904"
    answer_interview(page, counted, ANSWERS)
    counted.click(page.get_by_role("button", name="次へ"))

    page.get_by_role("heading", name="手続きの確認").wait_for()
    listed = page.inner_text("main")
    assert "転入届" in listed
    assert "国民健康保険" not in listed
    counted.click(page.get_by_role("button", name="次へ"))

    page.get_by_role("heading", name="印字内容の確認").wait_for()
    assert "試験 桃" in page.inner_text("main")
    counted.click(page.get_by_role("button", name="この内容で印刷へ"))

    page.get_by_role("heading", name="印刷と署名").wait_for()
    counted.open_packet(page)
    counted.click(page.get_by_role("button", name="署名をいただきました"))
    page.get_by_role("heading", name="受付中の案件").wait_for()
    visit_actions = counted.actions
    # The count is the measure the product is judged by; pytest -s shows it.
    print(  # noqa: T201
        f"clerk actions for a move-in of four: {visit_actions} "
        f"(sign-in: {sign_in_actions})"
    )

    every_department_completes_its_part(page, "試験 太郎")
    visit = Visit.objects.get()
    assert visit.status == VisitStatus.CLOSED
    assert visit.household is not None

    page.get_by_role("button", name="ログアウト").click()
    sign_in(page, "clerk")
    page.goto(f"/counter/{visit.pk}/status/")
    assert "案件の状態: 完了" in page.inner_text("main")
    page.goto("/")
    page.get_by_label("氏名(漢字・かな)").fill("しけん")
    page.get_by_role("button", name="検索").click()
    found = page.locator("#results tbody tr")
    found.first.wait_for()
    assert found.count() == len(FAMILY)
    households = {found.nth(i).locator("small").inner_text() for i in range(4)}
    assert len(households) == 1
    for i in range(len(FAMILY)):
        assert NEW_ADDRESS in found.nth(i).inner_text()
    assert visit_actions < 30


def test_the_arrivals_screen_fills_in_only_what_it_may(
    page: Any, clerk: StaffUser, demo_pack: None
) -> None:
    page.goto("/")
    sign_in(page, "clerk")
    page.goto("/counter/")
    page.get_by_role("button", name="転入の受付(新しく来た世帯)").click()
    rows = page.locator("table.arrivals tbody tr")
    first = rows.first
    assert shown(first.get_by_label("続柄")) == "世帯主"
    assert rows.count() == 1

    # A reading typed before the name is left is kept; an empty one is
    # suggested, and a later row takes the household's 氏 and reading.
    first.get_by_label("名(フリガナ)").fill("ふとし")
    first.get_by_label("氏", exact=True).fill("髙橋")
    first.get_by_label("名", exact=True).fill("太郎")
    first.get_by_label("生年月日").fill("S60.4.1")
    expect(first.get_by_label("氏(フリガナ)")).to_have_value("タカハシ")
    assert first.get_by_label("名(フリガナ)").input_value() == "ふとし"
    assert rows.count() == 2
    second = rows.nth(1)
    assert second.locator("th").inner_text() == "2人目"
    assert second.get_by_label("氏", exact=True).input_value() == "髙橋"
    expect(second.get_by_label("氏(フリガナ)")).to_have_value("タカハシ")

    # 妻 chooses 女 until the clerk chooses; 子 says nothing of the 性別.
    second.get_by_label("続柄").select_option(label="妻")
    assert shown(second.get_by_label("性別")) == "女"
    second.get_by_label("続柄").select_option(label="子")
    assert shown(second.get_by_label("性別")) == "—"
    assert rows.count() == 3

    # Another 氏 stops following the first row and gets its own reading.
    second.get_by_label("氏", exact=True).fill("鈴木")
    second.get_by_label("名", exact=True).fill("一郎")
    expect(second.get_by_label("氏(フリガナ)")).to_have_value("スズキ")
    first.get_by_label("氏", exact=True).fill("田中")
    assert second.get_by_label("氏", exact=True).input_value() == "鈴木"
    assert rows.nth(2).get_by_label("氏", exact=True).input_value() == "田中"

    # 人を追加 goes to the empty row at the end instead of asking for another.
    page.get_by_role("button", name="人を追加").click()
    assert rows.count() == 3
    assert (
        rows.nth(2)
        .get_by_label("名", exact=True)
        .evaluate("e => e === document.activeElement")
    )

    # Seven digits look the town up, keeping focus and what was typed.
    address = page.locator("#new_address")
    address.fill("北海道みほん市緑町2丁目")
    postal_code = page.get_by_label("郵便番号")
    with page.expect_response(lambda response: "/postal/" in response.url):
        postal_code.press_sequentially("0999904")
    page.wait_for_load_state("networkidle")
    assert address.input_value() == "北海道みほん市緑町2丁目"
    assert postal_code.evaluate("e => e === document.activeElement")
    address.fill("")
    postal_code.fill("")
    postal_code.press_sequentially("0999902")
    expect(address).to_have_value("北海道みほん市本町")
    assert postal_code.evaluate("e => e === document.activeElement")
