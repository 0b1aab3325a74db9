"""What every browser test needs: a page on the live server, and a sign-in."""

from collections.abc import Iterator
from typing import Any

import pytest

from conftest import PASSWORD


@pytest.fixture
def page(chromium: Any, live_server: Any) -> Iterator[Any]:
    context = chromium.new_context(locale="ja-JP", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def sign_in(page: Any, username: str) -> None:
    """Sign in on the login page the browser is showing."""
    page.get_by_label("ユーザー名").fill(username)
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
