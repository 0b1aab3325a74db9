"""Hand out the register's numbers: 住民票コード, 宛名番号 and 世帯番号.

A number is taken under a lock on its series' row (``NumberSeries``), held
until the caller's transaction ends: two move-ins completed at the same
moment get different numbers, the second waiting a few milliseconds for the
first instead of being refused. A number is never handed out twice, even
when the resident who had the highest one is deleted, and numbers written
into the register by an import are skipped.
"""

from collections.abc import Iterator

from django.db import models, transaction
from django.db.models import Max

from madoguchi.register.models import Household, NumberSeries, Resident

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


def _take(series: str, count: int, model: type[models.Model], field: str) -> int:
    """Reserve ``count`` numbers of ``series`` and return the first of them."""
    with transaction.atomic():
        NumberSeries.objects.get_or_create(name=series)
        row = NumberSeries.objects.select_for_update().get(name=series)

        # Read after the lock: a number committed by whoever held it is seen.
        highest = int(model.objects.aggregate(n=Max(field))["n"] or 0)
        first = max(row.last, highest) + 1

        row.last = first + count - 1
        row.save(update_fields=["last"])
    return first


def _serials(
    series: str, block: int, model: type[models.Model], field: str
) -> Iterator[int]:
    while True:
        first = _take(series, block, model, field)
        yield from range(first, first + block)


class NumberBook:
    """Issue numbers after the highest ever issued or found in the register.

    Each number is taken when it is asked for, inside the caller's
    transaction. ``block`` numbers are reserved at a time: the seeding of a
    large register asks for thousands, a counter for one, so that a visit
    leaves no gap.
    """

    def __init__(self, block: int = 1) -> None:
        self.block = block

    def residents(self) -> Iterator[tuple[str, str]]:
        """Yield (住民票コード, 宛名番号) pairs, never reused."""
        for serial in _serials("resident", self.block, Resident, "atena_number"):
            yield juminhyo_code(7_000_000_000 + serial), f"{serial:010d}"

    def households(self) -> Iterator[str]:
        """Yield 世帯番号, never reused."""
        for serial in _serials("household", self.block, Household, "setai_number"):
            yield f"{serial:010d}"
