"""Fixtures shared by every app's tests: the demo pack and one user per role."""

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings

from madoguchi.packs.loading import load_pack
from madoguchi.staff.models import Role, StaffUser

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "synthetic-Pass-2026"


@pytest.fixture
def demo_pack(db: Any) -> None:
    load_pack(settings.MADOGUCHI_PACK_DIR)


def _staff(role: str, username: str, **extra: Any) -> StaffUser:
    user = StaffUser(
        username=username, role=role, last_name="試験", first_name=username
    )
    for name, value in extra.items():
        setattr(user, name, value)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def clerk(db: Any) -> StaffUser:
    return _staff(Role.CLERK, "clerk")


@pytest.fixture
def reception(db: Any) -> StaffUser:
    return _staff(Role.RECEPTION, "reception")


@pytest.fixture
def supervisor(db: Any) -> StaffUser:
    return _staff(Role.SUPERVISOR, "supervisor")


@pytest.fixture
def administrator(db: Any) -> StaffUser:
    return _staff(Role.ADMINISTRATOR, "administrator")


@pytest.fixture
def department_staff(demo_pack: None) -> StaffUser:
    from madoguchi.packs.models import Department

    return _staff(
        Role.DEPARTMENT, "hoken", department=Department.objects.get(code="hoken-nenkin")
    )


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Start the system Chromium through Playwright, or say what is missing."""
    if not shutil.which(CHROMIUM):
        message = (
            "Chromium is not installed: run `sudo apt-get install chromium` "
            "(or `make test` as root) to run the browser tests."
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; the Django ORM
    # calls the tests make between page actions are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()
