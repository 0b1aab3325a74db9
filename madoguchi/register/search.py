"""Find residents the way a clerk asks for them.

Every criterion is a prefix on a folded key, so each one is answered from an
index on SQLite and on PostgreSQL alike:

- a name, in kana or kanji (異体字 and kana variants folded): one word matches
  the start of the full name or of the given name; two words match the start
  of the family name and of the given name;
- a birth date in 和暦 or 西暦: a whole date, or a year or year-and-month;
- an address, with or without the city's own name;
- a 宛名番号, exactly.

Results come in the order of the index that answered them: by name and then
birth date for a name, by address for an address, by birth date for a date.
"""

import re
from dataclasses import dataclass

from django.db.models import Q

from madoguchi.japanese.kana import is_kana
from madoguchi.japanese.wareki import PartialDate
from madoguchi.register.keys import address_key, kana_key, kanji_key
from madoguchi.register.models import Resident

RESULT_LIMIT = 100

_SPACES = re.compile(r"[\s\u3000]+")


@dataclass(frozen=True)
class Criteria:
    """What the clerk typed, already checked by the search form."""

    name: str = ""
    birth_date: PartialDate | None = None
    address: str = ""
    atena_number: str = ""

    def used(self) -> list[str]:
        """Name the kinds of criteria given, for the audit trail."""
        labels = {
            "氏名": self.name,
            "生年月日": self.birth_date,
            "住所": self.address,
            "宛名番号": self.atena_number,
        }
        return [label for label, value in labels.items() if value]


@dataclass(frozen=True)
class Head:
    """The household's 世帯主, named beside each resident found."""

    pk: int
    name: str


@dataclass(frozen=True)
class Found:
    resident: Resident
    head: Head | None


@dataclass(frozen=True)
class SearchResult:
    found: list[Found]
    more: bool
    """True when more residents matched than were returned."""


@dataclass(frozen=True)
class _Plan:
    """One indexed query: its condition and the index order it walks."""

    condition: Q
    order: tuple[str, ...]


def _word_key(word: str) -> tuple[str, str, str]:
    """Give the full-name column, given-name column and key for one word."""
    if is_kana(word):
        return "kana_key", "given_kana_key", kana_key(word)
    return "kanji_key", "given_kanji_key", kanji_key(word)


def _prefix(column: str, key: str) -> Q:
    return Q(**{f"{column}__prefix": key})


def _name_plans(text: str, rest: Q) -> list[_Plan]:
    """Match a name typed as one word, or as family and given name.

    One word: people whose whole name starts with it come first, then those
    whose given name does. Two words: family name, then given name; when
    both are in the same script the two make one longer prefix of the whole
    name, which the index narrows at once.
    """
    words = [w for w in _SPACES.split(text.strip()) if w]
    if len(words) == 1:
        full, given, key = _word_key(words[0])
        return [
            _Plan(_prefix(full, key) & rest, (full, "birth_date", "id")),
            _Plan(_prefix(given, key) & rest, (given, "birth_date", "id")),
        ]
    family_full, _, family_key = _word_key(words[0])
    given_full, given, given_key = _word_key("".join(words[1:]))
    condition = _prefix(given, given_key) & rest
    if family_full == given_full:
        condition &= _prefix(family_full, family_key + given_key)
    else:
        condition &= _prefix(family_full, family_key)
    return [_Plan(condition, (family_full, "birth_date", "id"))]


def birth_date_condition(date: PartialDate) -> Q:
    """Match a whole date exactly, or every date of a year or month."""
    if date.is_complete:
        return Q(birth_date=date)
    prefix = f"{date.year:04d}-"
    if date.month is not None:
        prefix += f"{date.month:02d}-"
    return Q(birth_date__prefix=prefix)


def _plans(criteria: Criteria) -> list[_Plan]:
    """Choose the queries for ``criteria``, led by its most telling part."""
    rest = Q()
    if criteria.birth_date:
        rest &= birth_date_condition(criteria.birth_date)
    if criteria.address:
        rest &= _prefix("household__address_key", address_key(criteria.address))
    if criteria.atena_number:
        return [_Plan(Q(atena_number=criteria.atena_number) & rest, ("id",))]
    if criteria.name:
        return _name_plans(criteria.name, rest)
    if criteria.address:
        return [_Plan(rest, ("household__address_key", "household_id", "id"))]
    if criteria.birth_date:
        return [_Plan(rest, ("birth_date", "kana_key", "id"))]
    raise ValueError("at least one criterion is needed")


def search_residents(criteria: Criteria, limit: int = RESULT_LIMIT) -> SearchResult:
    """Find up to ``limit`` residents, with the head of each one's household.

    Each plan walks an index in the order the results are shown and stops
    once it has enough, so a common surname costs no more than a rare one.
    """
    found: dict[int, Resident] = {}
    for plan in _plans(criteria):
        wanted = limit + 1 - len(found)
        if wanted <= 0:
            break
        query = Resident.objects.filter(plan.condition).order_by(*plan.order)
        for resident in query.select_related("household")[: wanted + len(found)]:
            found.setdefault(resident.pk, resident)
            if len(found) > limit:
                break
    residents = list(found.values())[:limit]

    household_ids = {r.household_id for r in residents}
    heads = {
        household_id: Head(pk, f"{family_name} {given_name}".strip())
        for household_id, pk, family_name, given_name in Resident.objects.filter(
            household_id__in=household_ids, relationship="世帯主"
        ).values_list("household_id", "pk", "family_name", "given_name")
    }
    return SearchResult(
        found=[Found(r, heads.get(r.household_id)) for r in residents],
        more=len(found) > limit,
    )
