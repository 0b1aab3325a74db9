"""A clerk in the real browser: sign in, find a 髙橋 by typing たかはし, open
the household."""

from typing import Any

import pytest

from madoguchi.japanese.wareki import PartialDate
from madoguchi.register.tests.factories import HouseholdFactory, ResidentFactory
from madoguchi.staff.models import StaffUser
from tests.browser.conftest import shoot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_clerk_finds_takahashi_by_kana_and_opens_the_household(
    page: Any, clerk: StaffUser, demo_pack: None
) -> None:
    home = HouseholdFactory(address="北海道みほん市栄町3丁目4番5号")
    ResidentFactory(household=home, family_name="髙橋", family_name_kana="タカハシ",
                    given_name="一郎", given_name_kana="イチロウ", sex="M",
                    birth_date=PartialDate(1980, 5, 5))  # fmt: skip
    ResidentFactory(household=home, family_name="髙橋", family_name_kana="タカハシ",
                    given_name="陽葵", given_name_kana="ヒマリ", relationship="子",
                    birth_date=PartialDate(2016, 8, 1))  # fmt: skip
    ResidentFactory(family_name="高田", family_name_kana="タカダ")

    page.goto("/")
    sign_in(page, "clerk")

    # The clerk starts every visit here: a search, and a new arrival.
    page.get_by_role("button", name="転入の受付(新しく来た世帯)").wait_for()
    page.get_by_label("氏名(漢字・かな)").fill("たかはし")
    page.keyboard.press("Enter")
    results = page.locator("#results")
    results.get_by_text("2件見つかりました").wait_for()
    assert "高田" not in results.inner_text()
    shoot(page, "search-takahashi")

    results.get_by_role("link", name="髙橋 一郎").click()
    page.get_by_role("heading", name="同じ世帯の人").wait_for()
    assert "昭和55年5月5日" in page.inner_text("main")
    household = page.locator("table.household")
    assert "髙橋 陽葵" in household.inner_text()
    assert "子" in household.inner_text()
    assert "栄町3丁目4番5号" in page.inner_text("main")
    shoot(page, "search-household")


def test_a_mistyped_birth_date_is_explained_on_the_screen(
    page: Any, clerk: StaffUser, demo_pack: None
) -> None:
    page.goto("/login/")
    sign_in(page, "clerk")

    page.get_by_label("生年月日").fill("H31.5.1")
    page.get_by_role("button", name="検索").click()

    alert = page.get_by_role("alert").first
    alert.wait_for()
    assert "生年月日" in alert.inner_text()
    shoot(page, "search-date-error")
