"""Build the folded search keys the register indexes beside each name.

A clerk types a name in kana or kanji, an address with or without the
city; the same fold applied to what is stored and what is typed makes them
meet. Latin letters (foreign residents' names) are matched case-blind.
"""

from functools import cache

from madoguchi.japanese.address import address_search_key
from madoguchi.japanese.itaiji import kanji_search_key
from madoguchi.japanese.kana import kana_search_key


def kana_key(text: str) -> str:
    return kana_search_key(text)


def kanji_key(text: str) -> str:
    return kanji_search_key(text).upper()


@cache
def _municipality_prefixes() -> tuple[str, ...]:
    from madoguchi.packs.models import Municipality

    city = Municipality.objects.first()
    if city is None:
        return ()
    return (f"{city.prefecture}{city.name}", city.name)


def forget_municipality() -> None:
    """Drop the cached municipality name after a pack is loaded."""
    _municipality_prefixes.cache_clear()


def local_address(text: str) -> str:
    """Strip this municipality's own prefecture and name from an address."""
    stripped = text.strip()
    for prefix in _municipality_prefixes():
        if stripped.startswith(prefix):
            return stripped[len(prefix) :]
    return stripped


def address_key(text: str) -> str:
    return address_search_key(local_address(text)).upper()
