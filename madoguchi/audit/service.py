"""Write audit records; the one way other parts record a look at data.

Records are written in the caller's transaction, so a screen that shows a
resident and the record that it did so are committed together or not at
all.
"""

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from madoguchi.audit.models import AccessRecord, Action


def record_view(
    staff: Any, residents: Iterable[Any], screen: str, purpose: str = ""
) -> None:
    """Record that ``staff`` opened the data of each of ``residents``."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit records are written inside the view's transaction")
    AccessRecord.objects.bulk_create(
        AccessRecord(
            staff=staff,
            action=Action.VIEW_RESIDENT,
            resident=resident,
            screen=screen,
            purpose=purpose,
        )
        for resident in residents
    )


def record_search(staff: Any, criteria: Iterable[str], found: int, screen: str) -> None:
    """Record that ``staff`` searched the register, by which kinds of criteria."""
    AccessRecord.objects.create(
        staff=staff,
        action=Action.SEARCH,
        screen=screen,
        detail=f"条件: {'・'.join(criteria)} / {found}件",
    )
