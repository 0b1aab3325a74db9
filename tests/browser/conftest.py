"""What every browser test needs: a page on the live server, and a sign-in."""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import PASSWORD

SCREENS = Path(__file__).resolve().parents[2] / "docs" / "screens"
VIEWPORT = {"width": 1280, "height": 800}
# A screen taller than this is cut: the README shows what a clerk sees first.
TALLEST_SCREENSHOT = 1600


@pytest.fixture
def page(chromium: Any, live_server: Any) -> Iterator[Any]:
    context = chromium.new_context(
        locale="ja-JP", base_url=live_server.url, viewport=VIEWPORT
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def sign_in(page: Any, username: str) -> None:
    """Sign in on the login page the browser is showing."""
    page.get_by_label("ユーザー名").fill(username)
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()


def shoot(page: Any, name: str) -> None:
    """Save the screen as ``docs/screens/<name>.png`` for the README.

    Does nothing unless the environment variable MADOGUCHI_SCREENSHOTS is
    set (``make screenshots`` sets it), so an ordinary test run leaves the
    committed pictures alone. The picture is the whole page at 1280 pixels
    wide, cut at 1600 pixels high.
    """
    if not os.environ.get("MADOGUCHI_SCREENSHOTS"):
        return
    page.wait_for_load_state("networkidle")
    height = page.evaluate("() => document.documentElement.scrollHeight")
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(
        path=SCREENS / f"{name}.png",
        full_page=True,
        clip={
            "x": 0,
            "y": 0,
            "width": VIEWPORT["width"],
            "height": min(height, TALLEST_SCREENSHOT),
        },
        animations="disabled",
        caret="hide",
    )
