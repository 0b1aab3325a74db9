"""Rebuild the folded search keys after the folding tables change.

The keys are derived from the registered text by ``register.keys``; when the
異体字 or kana tables are extended, keys stored before no longer meet the
keys of what clerks type. Rebuilding reads every row once, in batches.
"""

from django.db import transaction

from madoguchi.register.models import Household, Resident

BATCH = 5000


def rebuild_search_keys() -> tuple[int, int]:
    """Recompute every stored key; return (residents, households) changed."""
    return (
        _rebuild(
            Resident, ["kana_key", "given_kana_key", "kanji_key", "given_kanji_key"]
        ),
        _rebuild(Household, ["address_key"]),
    )


def _rebuild(model: type[Resident] | type[Household], keys: list[str]) -> int:
    changed = 0
    last = 0
    while True:
        with transaction.atomic():
            rows = list(model.objects.filter(pk__gt=last).order_by("pk")[:BATCH])
            if not rows:
                return changed
            stale = []
            for row in rows:
                before = [getattr(row, key) for key in keys]
                row.refresh_search_keys()
                if [getattr(row, key) for key in keys] != before:
                    stale.append(row)
            model.objects.bulk_update(stale, keys)  # type: ignore[attr-defined]
        changed += len(stale)
        last = rows[-1].pk
