"""The new arrival (転入): the people and addresses typed once from the 転出証明書.

A household that moves in is not in the register yet, so the visit keeps its
people in ``Visit.arrivals`` until the 市民課 completes jumin_tennyu (see
register_updates.py). This screen stands in for the event step: the date of
moving in is asked here, and the visit goes on to the interview.

The screen asks for as little as it can without guessing facts: rows left
empty are ignored, so a clerk never has to ask for a row first; a 性別 that
the 続柄 already says (妻, 母, 夫, 父) need not be chosen; the postal code of
an address in one of the municipality's towns comes from the pack; and a
reading from the dictionary (japanese/reading.py) is only ever offered in an
empty フリガナ field, marked for the clerk to read back to the resident.
"""

from datetime import date
from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from madoguchi.counter.locking import StaleVisit, lock_visit, save_visit
from madoguchi.counter.models import Step, Visit
from madoguchi.counter.views import (
    read_event_day,
    read_more_events,
    refuse_stale,
    shown_more_event,
)
from madoguchi.japanese.address import lookup_postal_code, normalise_postal_code
from madoguchi.japanese.errors import JapaneseInputError
from madoguchi.japanese.kana import is_kana, to_katakana
from madoguchi.japanese.reading import suggest_reading
from madoguchi.japanese.wareki import PartialDate, parse_date, to_wareki
from madoguchi.navigator.facts import EVENT_LABELS
from madoguchi.packs.models import Municipality, Town
from madoguchi.register.models import Sex
from madoguchi.staff.access import OPEN_VISIT, requires

RELATIONSHIPS = ("世帯主", "妻", "夫", "子", "父", "母", "その他")
# The 性別 a 続柄 names; arrivals.js fills the same into the form as it is typed.
SEX_OF_RELATIONSHIP = {
    "妻": Sex.FEMALE,
    "母": Sex.FEMALE,
    "夫": Sex.MALE,
    "父": Sex.MALE,
}
HEAD = "世帯主"
# A reading field and the name field it reads.
READING_OF = {"family_name_kana": "family_name", "given_name_kana": "given_name"}
PERSON_FIELDS = (
    "family_name",
    "given_name",
    "family_name_kana",
    "given_name_kana",
    "birth_date",
    "sex",
    "relationship",
    "nationality",
)
ADDRESS_FIELDS = ("new_postal_code", "new_address", "new_katagaki", "previous_address")


@require_POST
@requires(OPEN_VISIT)
@transaction.atomic
def open_arrival(request: HttpRequest) -> HttpResponse:
    """Open a move-in visit for people not yet in the register."""
    visit = Visit.objects.create(
        opened_by=request.user, household=None, event="move_in"
    )
    return redirect("counter:arrivals", visit.pk)


@requires(OPEN_VISIT)
@transaction.atomic
def arrivals(request: HttpRequest, pk: int) -> HttpResponse:
    """Take the arriving people, the date and both addresses, or add a row."""
    errors: list[str] = []
    if request.method == "POST":
        try:
            visit = lock_visit(request, pk)
        except StaleVisit as refused:
            return refuse_stale(request, pk, refused)
        if visit.household is not None:
            return redirect("counter:event", visit.pk)
        rows = _typed_rows(request)
        typed = {name: request.POST.get(name, "").strip() for name in ADDRESS_FIELDS}
        for name in ("event_date", "more_event", "more_event_date"):
            typed[name] = request.POST.get(name, "").strip()
        if "add" in request.POST:
            rows.append(_empty_row(len(rows), rows[0] if rows else None))
        else:
            people, event_day = _read(rows, typed, errors)
            more_errors: dict[str, str] = {}
            more_events = read_more_events("move_in", typed, more_errors)
            errors.extend(more_errors.values())
            if not errors:
                answers = dict(visit.answers)
                answers.update(
                    {
                        "new_address.postal_code": typed["new_postal_code"],
                        "new_address.address": typed["new_address"],
                        "new_address.katagaki": typed["new_katagaki"],
                        "previous_address.address": typed["previous_address"],
                        "details.from_place": typed["previous_address"],
                    }
                )
                save_visit(
                    visit,
                    arrivals=people,
                    event_date=event_day,
                    more_events=more_events,
                    answers={k: v for k, v in answers.items() if v != ""},
                    event_chosen_at=timezone.now(),
                    procedures=[],
                )
                return redirect("counter:interview", visit.pk)
    else:
        visit = get_object_or_404(Visit, pk=pk)
        if visit.household is not None:
            return redirect("counter:event", visit.pk)
        rows = [_shown_row(person) for person in visit.arrivals] or [_empty_row(0)]
        typed = {
            "new_postal_code": visit.answers.get("new_address.postal_code", ""),
            "new_address": visit.answers.get("new_address.address", ""),
            "new_katagaki": visit.answers.get("new_address.katagaki", ""),
            "previous_address": visit.answers.get("previous_address.address", ""),
            "event_date": to_wareki(visit.event_date) if visit.event_date else "",
        }
        typed.update(shown_more_event(visit))

    return render(
        request,
        "counter/arrivals.html",
        {
            "visit": visit,
            "step": Step.EVENT,
            "steps": Step.choices,
            "event_label": EVENT_LABELS.get("move_in", ""),
            "rows": rows,
            "typed": typed,
            "events": list(EVENT_LABELS.items()),
            "errors": errors,
            "relationships": RELATIONSHIPS,
            "sexes": Sex.choices,
            "sex_of_relationship": {
                r: str(sex) for r, sex in SEX_OF_RELATIONSHIP.items()
            },
        },
    )


@require_GET
@requires(OPEN_VISIT)
def reading(request: HttpRequest) -> HttpResponse:
    """Answer htmx with a row's フリガナ field, holding a suggestion if empty.

    The request carries one name field and its reading field, both named
    with the row's index (``given_name-2`` and ``given_name_kana-2``).  What
    the clerk typed into the reading is sent back unchanged.
    """
    for field, typed in request.GET.items():
        reading, _dash, index = field.partition("-")
        if reading in READING_OF and index.isdigit():
            name = READING_OF[reading]
            written = request.GET.get(f"{name}-{index}", "")
            suggestion = "" if typed.strip() else suggest_reading(written)
            return render(
                request,
                "counter/_reading.html",
                {
                    "base": name,
                    "index": index,
                    "value": suggestion or typed,
                    "suggested": bool(suggestion),
                },
            )
    return HttpResponseBadRequest(_("フリガナ: どの人の読みかが送られていません。"))


@require_GET
@requires(OPEN_VISIT)
def postal_address(request: HttpRequest) -> HttpResponse:
    """Answer htmx with the address a postal code names, or why there is none.

    What the clerk already typed into the address is kept when it goes on
    from the address found (or when it says something else: the postal code
    may be the one mistyped); only an empty address is filled.
    """
    typed = request.GET.get("new_postal_code", "")
    address = request.GET.get("new_address", "").strip()
    message = ""
    try:
        found = _town_address(typed)
    except JapaneseInputError as error:
        found, message = None, error.message
    if found is not None:
        if not address or found.startswith(address):
            address = found
        elif not address.startswith(found):
            message = _(
                "郵便番号: %(code)s は %(found)s の番号です。住所を確かめてください。"
            ) % {"code": typed, "found": found}
    elif not message:
        message = _(
            "郵便番号: %(code)s に当たる住所が見つかりません。住所を入力してください。"
        ) % {"code": typed}
    return render(
        request,
        "counter/_new_address.html",
        {"typed": {"new_address": address}, "message": message},
    )


def _town_address(typed: str) -> str | None:
    """Return the address a postal code names, the pack's own towns first."""
    code = normalise_postal_code(typed)
    town = Town.objects.filter(postal_code=code).first()
    municipality = Municipality.objects.first()
    if town is not None and municipality is not None:
        return f"{municipality}{town.name}"
    found = lookup_postal_code(code)
    if found is None:
        return None
    return found.prefecture + found.city + found.town


def _postal_code_of(address: str) -> str:
    """Return the postal code of an address in one of the pack's towns, or ""."""
    municipality = Municipality.objects.first()
    if municipality is None:
        return ""
    for town in Town.objects.all():
        for prefix in (f"{municipality}{town.name}", f"{municipality.name}{town.name}"):
            if address.startswith(prefix):
                return town.postal_code
    return ""


def _typed_rows(request: HttpRequest) -> list[dict[str, str]]:
    typed = request.POST.get("rows", "")
    count = int(typed) if typed.isdigit() else 1
    return [
        {
            name: request.POST.get(f"{name}-{index}", "").strip()
            for name in PERSON_FIELDS
        }
        for index in range(min(count, 20))
    ]


def _empty_row(index: int, first: dict[str, str] | None = None) -> dict[str, str]:
    """Return a row to fill: the first for the 世帯主, later ones in its 氏."""
    row = {name: "" for name in PERSON_FIELDS} | {"nationality": "日本"}
    if index == 0:
        row["relationship"] = HEAD
    elif first is not None:
        row["family_name"] = first["family_name"]
        row["family_name_kana"] = first["family_name_kana"]
    return row


def _is_empty(index: int, row: dict[str, str]) -> bool:
    """Tell whether a row holds nothing but what the screen put there itself.

    The 氏 and its reading are left out, as later rows take the first row's,
    and so is the 世帯主 the first row starts with.
    """
    default_relationship = HEAD if index == 0 else ""
    return not (
        row["given_name"]
        or row["given_name_kana"]
        or row["birth_date"]
        or row["sex"]
        or row["relationship"] not in ("", default_relationship)
    )


def _shown_row(person: dict[str, Any]) -> dict[str, str]:
    row = dict(person)
    row["birth_date"] = PartialDate.from_storage(person["birth_date"]).wareki()
    return row


def _read(
    rows: list[dict[str, str]], typed: dict[str, str], errors: list[str]
) -> tuple[list[dict[str, str]], date | None]:
    """Return the arrivals as stored and the day of moving in, noting errors."""
    day_errors: dict[str, str] = {}
    event_day = read_event_day(typed["event_date"], day_errors, field=_("転入した日"))
    errors.extend(day_errors.values())

    people = []
    filled = [
        (n, row) for n, row in enumerate(rows, start=1) if not _is_empty(n - 1, row)
    ]
    for number, row in filled:
        person = _person(number, row, errors)
        if person is not None:
            people.append(person)
    if not filled:
        errors.append(_("転入する人: 一人目の名と生年月日を入力してください。"))
    elif sum(row["relationship"] == HEAD for _n, row in filled) != 1:
        errors.append(_("続柄: 世帯主を一人だけ選んでください。"))

    if typed["new_address"] and not typed["new_postal_code"]:
        typed["new_postal_code"] = _postal_code_of(typed["new_address"])
    if not typed["new_address"]:
        errors.append(_("新しい住所: 入力してください。"))
    if not typed["previous_address"]:
        errors.append(_("前の住所: 転出証明書のとおり入力してください。"))
    return people, event_day


def _person(
    number: int, row: dict[str, str], errors: list[str]
) -> dict[str, str] | None:
    """Return one row as stored, or None after noting what is wrong with it."""
    found = len(errors)
    where = _("%(n)d人目") % {"n": number}

    def refuse(field: str, rule: str) -> None:
        errors.append(f"{where} {field}: {rule}")

    if not row["family_name"]:
        refuse(_("氏"), _("入力してください。"))
    kana = {}
    for name, label in (
        ("family_name_kana", _("氏(フリガナ)")),
        ("given_name_kana", _("名(フリガナ)")),
    ):
        kana[name] = to_katakana(row[name].replace(" ", "").replace("\u3000", ""))
        if kana[name] and not is_kana(kana[name]):
            refuse(label, _("ひらがなかカタカナで入力してください。"))
    if not kana["family_name_kana"]:
        refuse(_("氏(フリガナ)"), _("入力してください。"))
    birth = ""
    try:
        born = parse_date(row["birth_date"], field=f"{where} {_('生年月日')}")
        birth = born.to_storage()
    except JapaneseInputError as error:
        errors.append(error.message)
    if row["relationship"] not in RELATIONSHIPS:
        refuse(_("続柄"), _("選んでください。"))
    sex = row["sex"] or SEX_OF_RELATIONSHIP.get(row["relationship"], "")
    if sex not in Sex.values:
        refuse(_("性別"), _("選んでください。"))

    if len(errors) > found:
        return None
    return {
        "family_name": row["family_name"],
        "given_name": row["given_name"],
        "family_name_kana": kana["family_name_kana"],
        "given_name_kana": kana["given_name_kana"],
        "birth_date": birth,
        "sex": str(sex),
        "relationship": row["relationship"],
        "nationality": row["nationality"] or "日本",
    }
