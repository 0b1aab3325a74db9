"""The demo's staff accounts: one per role, passwords kept for next time."""

import io
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import override_settings

from madoguchi.register.models import Resident
from madoguchi.staff.models import Role, StaffUser

pytestmark = pytest.mark.django_db


def test_the_demo_prints_one_account_per_role_that_signs_in(tmp_path: Path) -> None:
    out = io.StringIO()
    with override_settings(VAR_DIR=tmp_path):
        call_command("demo", "--residents", "200", stdout=out)

    printed = out.getvalue()
    assert Resident.objects.count() == 200
    assert {user.role for user in StaffUser.objects.all()} == set(Role.values)
    for line in printed.splitlines():
        fields = line.split()
        if len(fields) == 3 and StaffUser.objects.filter(username=fields[0]).exists():
            assert authenticate(username=fields[0], password=fields[1]) is not None
    assert StaffUser.objects.get(username="hoken").department.name == "保険年金課"
    # The last line says where to go and as whom: the clerk's start screen.
    last = printed.splitlines()[-1]
    assert "http://127.0.0.1:8000/" in last
    assert (
        StaffUser.objects.get(username=last.split("窓口職員の ")[1].split()[0]).role
        == Role.CLERK
    )


def test_a_second_demo_reuses_the_register_and_the_passwords(tmp_path: Path) -> None:
    with override_settings(VAR_DIR=tmp_path):
        call_command("demo", "--residents", "100", stdout=io.StringIO())
        first = (tmp_path / "demo-accounts.txt").read_text(encoding="utf-8")
        call_command("demo", "--residents", "100", stdout=io.StringIO())

    assert (tmp_path / "demo-accounts.txt").read_text(encoding="utf-8") == first
    assert Resident.objects.count() == 100
