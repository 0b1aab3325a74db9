"""The synthetic population as the demo loads it into the register."""

import io

import pytest
from django.core.management import CommandError, call_command

from madoguchi.register.models import Household, Resident
from madoguchi.register.numbers import is_valid_juminhyo_code, juminhyo_code

pytestmark = pytest.mark.django_db


def test_seed_adds_exactly_the_residents_asked_for_in_households(
    demo_pack: None,
) -> None:
    out = io.StringIO()
    call_command("seed", "--residents", "300", stdout=out)

    assert Resident.objects.count() == 300
    assert "住民 300 人" in out.getvalue()
    for household in Household.objects.all()[:50]:
        assert household.address.startswith("北海道みほん市")
        assert household.members.filter(relationship="世帯主").count() == 1
    assert all(
        is_valid_juminhyo_code(code)
        for code in Resident.objects.values_list("juminhyo_code", flat=True)
    )


def test_a_second_seed_adds_more_without_reusing_numbers(demo_pack: None) -> None:
    call_command("seed", "--residents", "50", stdout=io.StringIO())
    call_command("seed", "--residents", "50", "--seed", "1", stdout=io.StringIO())

    assert Resident.objects.count() == 100
    assert Resident.objects.values("atena_number").distinct().count() == 100


def test_seed_without_a_pack_says_to_load_one() -> None:
    with pytest.raises(CommandError, match="pack load"):
        call_command("seed", "--residents", "10")


def test_juminhyo_codes_carry_a_check_digit() -> None:
    code = juminhyo_code(12345)

    assert is_valid_juminhyo_code(code)
    wrong = code[:10] + str((int(code[10]) + 1) % 10)
    assert not is_valid_juminhyo_code(wrong)
