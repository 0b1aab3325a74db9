"""Hand out the register's numbers: 住民票コード, 宛名番号 and 世帯番号."""

from collections.abc import Iterator

from django.db.models import Max

from madoguchi.register.models import Household, Resident

_JUMINHYO_WEIGHTS = (6, 5, 4, 3, 2, 7, 6, 5, 4, 3)


def juminhyo_check_digit(first_ten: str) -> str:
    """Compute the modulus-11 check digit that ends a 住民票コード."""
    total = sum(int(d) * w for d, w in zip(first_ten, _JUMINHYO_WEIGHTS, strict=True))
    remainder = total % 11
    return "0" if remainder <= 1 else str(11 - remainder)


def juminhyo_code(serial: int) -> str:
    """Build a valid 住民票コード from a serial number."""
    first_ten = f"{serial:010d}"
    return first_ten + juminhyo_check_digit(first_ten)


def is_valid_juminhyo_code(code: str) -> bool:
    return (
        len(code) == 11
        and code.isdigit()
        and juminhyo_check_digit(code[:10]) == code[10]
    )


class NumberBook:
    """Issue numbers after the highest already in the register."""

    def __init__(self) -> None:
        self._next_resident = (
            int(Resident.objects.aggregate(n=Max("atena_number"))["n"] or 0) + 1
        )
        self._next_household = (
            int(Household.objects.aggregate(n=Max("setai_number"))["n"] or 0) + 1
        )

    def residents(self) -> Iterator[tuple[str, str]]:
        """Yield (住民票コード, 宛名番号) pairs, never reused."""
        while True:
            serial = self._next_resident
            self._next_resident += 1
            yield juminhyo_code(7_000_000_000 + serial), f"{serial:010d}"

    def households(self) -> Iterator[str]:
        """Yield 世帯番号, never reused."""
        while True:
            serial = self._next_household
            self._next_household += 1
            yield f"{serial:010d}"
