"""The clerk's screens for one visit: event, interview, review, confirm, print.

Every POST carries the visit's version (see locking.py); every screen that
shows a resident records it in the audit trail with the visit as purpose.
"""

import json
import re
import secrets
import unicodedata
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from madoguchi.audit.service import record_view
from madoguchi.counter.casefile import (
    arriving_address,
    arriving_head,
    arriving_members,
    build_cases,
    current_members,
    member_id,
    newborn_of,
    visit_events,
)
from madoguchi.counter.locking import STALE_MESSAGE, StaleVisit, lock_visit, save_visit
from madoguchi.counter.models import Step, Visit, VisitStatus
from madoguchi.counter.navigation import navigate_visit
from madoguchi.counter.register_updates import likely_head
from madoguchi.counter.tasks import close_if_settled, create_tasks
from madoguchi.japanese.errors import JapaneseInputError
from madoguchi.japanese.kana import is_kana, to_katakana
from madoguchi.japanese.wareki import parse_date, to_wareki
from madoguchi.navigator.facts import EVENT_LABELS
from madoguchi.navigator.service import CaseFileError, load_catalogue
from madoguchi.paperwork.service import render_packet
from madoguchi.register.models import Household, Sex
from madoguchi.staff.access import OPEN_VISIT, requires

MOVES = ("move_in", "move_out", "move_within", "move_in_from_abroad")
NEW_ADDRESS_EVENTS = ("move_out", "move_within")
_PHONE = re.compile(r"^0[0-9-]{8,12}[0-9]$")


def refuse_stale(
    request: HttpRequest,
    visit_pk: int,
    refused: StaleVisit | None = None,
    back: str = "",
) -> HttpResponse:
    """Answer a refused POST with its message, for a page or for htmx."""
    # htmx swaps only successful answers; the message must reach the screen.
    partial = bool(request.headers.get("HX-Request"))
    return render(
        request,
        "counter/_stale.html" if partial else "counter/stale.html",
        {
            "message": _(refused.message if refused else STALE_MESSAGE),
            "visit_pk": visit_pk,
            "back": back,
        },
        status=200 if partial else 409,
    )


def _visit(pk: int) -> Visit:
    return get_object_or_404(Visit.objects.select_related("household"), pk=pk)


def _shown(request: HttpRequest, visit: Visit, screen: str) -> list[Any]:
    """Return the household's members, recording that this screen shows them."""
    if visit.household is None:
        # New arrivals are not in the register yet: there is no resident
        # whose viewing the audit trail could record.
        return arriving_members(visit)
    members = current_members(visit.household)
    record_view(request.user, members, screen=screen, purpose=visit.purpose)
    return members


def _names(members: list[Any], visit: Visit | None = None) -> dict[str, str]:
    names = {getattr(m, "case_id", None) or member_id(m): m.name for m in members}
    newborn = newborn_of(visit) if visit is not None else None
    if newborn is not None:
        names[newborn.case_id] = newborn.name.strip() or _("生まれた子")
    return names


def _page(
    request: HttpRequest, template: str, visit: Visit, step: str, **context: Any
) -> HttpResponse:
    context.update(
        visit=visit,
        step=step,
        steps=Step.choices,
        event_label=EVENT_LABELS.get(visit.event, ""),
    )
    return render(request, template, context)


@requires(OPEN_VISIT)
@transaction.atomic
def visits(request: HttpRequest) -> HttpResponse:
    """List the clerk's visits not yet closed: open ones resume at their step."""
    open_visits = list(
        Visit.objects.filter(
            opened_by=request.user,
            status__in=[VisitStatus.OPEN, VisitStatus.SIGNED],
        )
        .select_related("household")
        .order_by("-opened_at")
    )
    rows = []
    for visit in open_visits:
        head = visit.household.head() if visit.household else None
        if head is not None:
            record_view(
                request.user, [head], screen="受付中の案件", purpose=visit.purpose
            )
        rows.append(
            {
                "visit": visit,
                "head": head or arriving_head(visit),
                "step": Step(visit.step),
            }
        )
    return render(
        request,
        "counter/visits.html",
        {"rows": rows, "event_labels": EVENT_LABELS},
    )


@require_POST
@requires(OPEN_VISIT)
@transaction.atomic
def open_visit(request: HttpRequest, household_pk: int) -> HttpResponse:
    """Open a visit for a household and go to the choice of the event."""
    household = get_object_or_404(Household, pk=household_pk)
    visit = Visit.objects.create(opened_by=request.user, household=household)
    return redirect("counter:event", visit.pk)


@requires(OPEN_VISIT)
def resume(request: HttpRequest, pk: int) -> HttpResponse:
    """Go to the step at which a visit was left."""
    visit = _visit(pk)
    return redirect(f"counter:{visit.step}", visit.pk)


@requires(OPEN_VISIT)
@transaction.atomic
def event(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose the events, their days, the members and, for a birth, the child."""
    errors: dict[str, str] = {}
    typed: dict[str, str] = {}
    chosen_subjects = set()
    if request.method == "POST":
        try:
            visit = lock_visit(request, pk)
        except StaleVisit as refused:
            return refuse_stale(request, pk, refused)
        if visit.household is None:
            return redirect("counter:arrivals", visit.pk)
        members = _shown(request, visit, "来庁受付(届出の内容)")
        chosen_event = request.POST.get("event", "")
        typed = {
            name: request.POST.get(name, "").strip()
            for name in ("event_date", "more_event", "more_event_date", *NEWBORN)
        }
        ids = {str(member.pk) for member in members}
        chosen_subjects = {s for s in request.POST.getlist("subjects") if s in ids}

        if chosen_event not in EVENT_LABELS:
            errors["event"] = _("届出の事由: 一つ選んでください。")
        event_day = read_event_day(typed["event_date"], errors)
        more_events = read_more_events(chosen_event, typed, errors)
        births = chosen_event == "birth" or any(
            e["event"] == "birth" for e in more_events
        )
        newborn = _read_newborn(typed, errors) if births else {}
        if not chosen_subjects and chosen_event != "birth":
            errors["subjects"] = _("対象者: 一人以上選んでください。")

        if not errors:
            changes: dict[str, Any] = {
                "event": chosen_event,
                "event_date": event_day,
                "more_events": more_events,
                "newborn": newborn,
                "subjects": sorted(int(s) for s in chosen_subjects),
                "event_chosen_at": timezone.now(),
            }
            if (chosen_event, more_events) != (visit.event, visit.more_events):
                changes["procedures"] = []
            save_visit(visit, **changes)
            return redirect("counter:interview", visit.pk)
        visit.event = chosen_event
    else:
        visit = _visit(pk)
        if visit.household is None:
            return redirect("counter:arrivals", visit.pk)
        members = _shown(request, visit, "来庁受付(届出の内容)")
        typed = {
            "event_date": to_wareki(visit.event_date) if visit.event_date else "",
            **{name: visit.newborn.get(name, "") for name in NEWBORN},
        }
        typed.update(shown_more_event(visit))
        chosen_subjects = {str(s) for s in visit.subjects}
    head = visit.household.head() if visit.household else None
    if head is not None and not typed.get("family_name"):
        # A child usually takes the household's surname; the clerk may change it.
        typed["family_name"] = head.family_name
        typed["family_name_kana"] = head.family_name_kana

    return _page(
        request,
        "counter/event.html",
        visit,
        Step.EVENT,
        members=members,
        events=list(EVENT_LABELS.items()),
        moves=MOVES,
        typed=typed,
        chosen_subjects=chosen_subjects,
        sexes=Sex.choices,
        newborn_relationships=NEWBORN_RELATIONSHIPS,
        errors=errors,
        today=visit.event_date or timezone.localdate(),
    )


NEWBORN = (
    "family_name",
    "given_name",
    "family_name_kana",
    "given_name_kana",
    "sex",
    "relationship",
)
# A child is 子 of the head, or 孫 when a grandparent heads the household.
NEWBORN_RELATIONSHIPS = ("子", "孫", "その他")


def shown_more_event(visit: Visit) -> dict[str, str]:
    """Return the event filed with the first as its form fields show it."""
    shown = {}
    for more in visit.more_events[:1]:
        shown["more_event"] = more["event"]
        if more.get("event_date"):
            shown["more_event_date"] = to_wareki(date.fromisoformat(more["event_date"]))
    return shown


def read_more_events(
    chosen_event: str, typed: dict[str, str], errors: dict[str, str]
) -> list[dict[str, str]]:
    """Return the event filed together with the first, if the clerk chose one."""
    code = typed["more_event"]
    if not code:
        return []
    if code not in EVENT_LABELS:
        errors["more_event"] = _("あわせて届け出る事由: 一覧から選んでください。")
        return []
    if code == chosen_event:
        errors["more_event"] = _(
            "あわせて届け出る事由: 届出の事由と別のものを選んでください。"
        )
        return []
    more = {"event": code}
    if typed["more_event_date"]:
        day_errors: dict[str, str] = {}
        day = read_event_day(
            typed["more_event_date"],
            day_errors,
            field=_("あわせて届け出る事由の発生日"),
        )
        if day is None:
            errors["more_event_date"] = day_errors["event_date"]
        else:
            more["event_date"] = day.isoformat()
    return [more]


def _read_newborn(typed: dict[str, str], errors: dict[str, str]) -> dict[str, str]:
    """Return the child of a birth as typed, noting what is wrong with it."""
    child = {name: typed.get(name, "") for name in NEWBORN}
    for name, label in (
        ("family_name_kana", _("生まれた子の氏(フリガナ)")),
        ("given_name_kana", _("生まれた子の名(フリガナ)")),
    ):
        child[name] = to_katakana(child[name].replace(" ", "").replace("\u3000", ""))
        if child[name] and not is_kana(child[name]):
            errors[name] = _("%(field)s: ひらがなかカタカナで入力してください。") % {
                "field": label
            }
    if not child["family_name"]:
        errors["family_name"] = _("生まれた子の氏: 入力してください。")
    if child["sex"] not in Sex.values:
        errors["sex"] = _("生まれた子の性別: 選んでください。")
    if child["relationship"] not in NEWBORN_RELATIONSHIPS:
        errors["relationship"] = _("生まれた子の続柄: 選んでください。")
    return child


def read_event_day(typed: str, errors: dict[str, str], field: str = "") -> date | None:
    """Return the full date typed for the event, or None after noting why."""
    field = field or _("事由発生日")
    if not typed:
        errors["event_date"] = _("%(field)s: 入力してください。") % {"field": field}
        return None
    try:
        day = parse_date(typed, field=field).as_date()
    except JapaneseInputError as error:
        errors["event_date"] = error.message
        return None
    if day is None:
        errors["event_date"] = _("%(field)s: 年月日まで入力してください。") % {
            "field": field
        }
    return day


@requires(OPEN_VISIT)
@transaction.atomic
def interview(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask what the navigator still needs, one click per answer."""
    if request.method == "POST":
        try:
            visit = lock_visit(request, pk)
        except StaleVisit as refused:
            return refuse_stale(request, pk, refused)
        if "proceed" in request.POST:
            save_visit(visit, interviewed_at=timezone.now())
            return redirect("counter:review", visit.pk)
        key = request.POST.get("field", "")
        forgotten = request.POST.get("forget", "")
        if forgotten in visit.answers:
            answers = dict(visit.answers)
            del answers[forgotten]
            save_visit(visit, answers=answers)
        elif key:
            answers = dict(visit.answers)
            answers[key] = _read_value(request.POST.get("value", ""))
            save_visit(visit, answers=answers)
        if not request.headers.get("HX-Request"):
            return redirect("counter:interview", visit.pk)
    else:
        visit = _visit(pk)
    if not visit.event:
        return redirect("counter:event", visit.pk)

    members = _shown(request, visit, "来庁受付(聞き取り)")
    questions, problems = _questions(visit, members)
    template = "counter/interview.html"
    if request.headers.get("HX-Request"):
        template = "counter/_questions.html"
    return _page(
        request,
        template,
        visit,
        Step.INTERVIEW,
        questions=questions,
        problems=problems,
        answered=_answered(visit, members),
    )


def _read_value(typed: str) -> Any:
    """Return an answer's value: JSON from a choice, else the text typed."""
    try:
        return json.loads(typed)
    except ValueError:
        return typed.strip()


def _questions(visit: Visit, members: list[Any]) -> tuple[list[dict], list[str]]:
    try:
        answer = navigate_visit(visit)
    except CaseFileError as error:
        return [], [str(problem) for problem in error.problems]
    names = _names(members, visit)
    questions = []
    for key, fact in answer.missing:
        questions.append(
            {
                "key": key,
                "question": fact.question,
                "member": names.get(fact.member or "", ""),
                "answers": [
                    {"value": json.dumps(value, ensure_ascii=False), "label": label}
                    for value, label in fact.answers
                ],
            }
        )
    return questions, []


def _answered(visit: Visit, members: list[Any]) -> list[dict[str, str]]:
    """Return the answers given so far, worded as the navigator asked them."""
    catalogue = load_catalogue()
    names = _names(members, visit)
    shown = []
    for key, value in sorted(visit.answers.items()):
        who = ""
        question_key = key
        if key.startswith("household["):
            who = names.get(key[len("household[") : key.index("]")], "")
            question_key = "member." + key.split("].", 1)[1]
        elif key in ("phone",) or key.startswith("new_address."):
            continue
        question = catalogue.question(question_key)
        labels = {json.dumps(v): label for v, label in question.answers}
        shown.append(
            {
                "key": key,
                "who": who,
                "question": question.question,
                "value": labels.get(json.dumps(value), _label(value)),
            }
        )
    return shown


def _label(value: Any) -> str:
    if value is True:
        return _("はい")
    if value is False:
        return _("いいえ")
    if value is None or value == "none":
        return _("なし")
    return str(value)


@requires(OPEN_VISIT)
@transaction.atomic
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the procedures, must and may, and keep the clerk's ticks."""
    if request.method == "POST":
        try:
            visit = lock_visit(request, pk)
        except StaleVisit as refused:
            return refuse_stale(request, pk, refused)
        procedures = _procedures(visit)
        for procedure in procedures:
            code = procedure["code"]
            procedure["done_today"] = f"done-{code}" in request.POST
            procedure["included"] = (
                procedure["necessity"] == "must" or f"include-{code}" in request.POST
            )
        save_visit(visit, procedures=procedures, reviewed_at=timezone.now())
        return redirect("counter:confirm", visit.pk)

    visit = _visit(pk)
    if not visit.event:
        return redirect("counter:event", visit.pk)
    members = _shown(request, visit, "来庁受付(手続きの確認)")
    names = _names(members, visit)
    kept = {p["code"]: p for p in visit.procedures}
    procedures = _procedures(visit)
    for procedure in procedures:
        before = kept.get(procedure["code"], {})
        procedure["done_today"] = before.get("done_today", False)
        procedure["included"] = before.get("included", procedure["necessity"] == "must")
        procedure["who"] = "、".join(names.get(m, m) for m in procedure["members"])
        procedure["deadline_wareki"] = (
            to_wareki(date.fromisoformat(procedure["deadline"]))
            if procedure["deadline"]
            else ""
        )
    return _page(
        request,
        "counter/review.html",
        visit,
        Step.REVIEW,
        must=[p for p in procedures if p["necessity"] == "must"],
        optional=[p for p in procedures if p["necessity"] == "may"],
    )


def _procedures(visit: Visit) -> list[dict[str, Any]]:
    try:
        return navigate_visit(visit).procedures
    except CaseFileError:
        return []


@requires(OPEN_VISIT)
@transaction.atomic
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Show, once for every form, the data that will be printed."""
    errors: dict[str, str] = {}
    if request.method == "POST":
        try:
            visit = lock_visit(request, pk)
        except StaleVisit as refused:
            return refuse_stale(request, pk, refused)
        answers = dict(visit.answers)
        phone = unicodedata.normalize("NFKC", request.POST.get("phone", "")).strip()
        phone = phone.replace("ー", "-")
        if phone and not _PHONE.match(phone):
            errors["phone"] = _(
                "電話番号: 0から始まる数字(ハイフン可)で入力してください。"
            )
        else:
            answers["phone"] = phone
        if visit.event in NEW_ADDRESS_EVENTS and visit.household is not None:
            for part in ("postal_code", "address", "katagaki"):
                typed = request.POST.get(f"new_{part}", "").strip()
                answers[f"new_address.{part}"] = typed
            if not answers["new_address.address"]:
                errors["new_address"] = _("新しい住所: 入力してください。")
        remaining = staying_when_head_leaves(visit)
        new_head = request.POST.get("new_head", "")
        if remaining and new_head not in {member_id(m) for m in remaining}:
            errors["new_head"] = _("新しい世帯主: 残る方から一人選んでください。")
        if not errors:
            save_visit(
                visit,
                answers={k: v for k, v in answers.items() if v != ""},
                new_head=new_head if remaining else "",
                confirmed_at=timezone.now(),
            )
            return redirect("counter:print", visit.pk)
        visit.answers = answers
    else:
        visit = _visit(pk)
    if not visit.reviewed_at:
        return redirect("counter:review", visit.pk)

    members: list[Any] = _shown(request, visit, "来庁受付(印字内容の確認)")
    newborn = newborn_of(visit)
    if newborn is not None:
        members.append(newborn)
    remaining = staying_when_head_leaves(visit)
    return _page(
        request,
        "counter/confirm.html",
        visit,
        Step.CONFIRM,
        members=members,
        household=visit.household or arriving_address(visit),
        phone=visit.answers.get("phone", ""),
        asks_new_address=visit.event in NEW_ADDRESS_EVENTS
        and visit.household is not None,
        new_address={
            part: visit.answers.get(f"new_address.{part}", "")
            for part in ("postal_code", "address", "katagaki")
        },
        printed=[p for p in visit.procedures if p.get("included")],
        head_choices=[(member_id(m), f"{m.relationship} {m.name}") for m in remaining],
        new_head=visit.new_head or likely_new_head(remaining),
        errors=errors,
    )


def staying_when_head_leaves(visit: Visit) -> list[Any]:
    """Return who stays when the head dies or moves without everyone, else []."""
    if visit.household is None:
        return []
    leaving = {"death", "move_out", "move_within"}
    if not leaving & {code for code, _day in visit_events(visit)}:
        return []
    members = current_members(visit.household)
    heads = [m for m in members if m.relationship == "世帯主"]
    if not heads or heads[0].pk not in visit.subjects:
        return []
    return [m for m in members if m.pk not in visit.subjects]


def likely_new_head(remaining: list[Any]) -> str:
    """Return the case-file id of the member offered first as the new head."""
    return member_id(likely_head(remaining)) if remaining else ""


@requires(OPEN_VISIT)
@transaction.atomic
def print_step(request: HttpRequest, pk: int) -> HttpResponse:
    """Offer the packet to print and the button that records the signature."""
    visit = _visit(pk)
    if not visit.confirmed_at:
        return redirect("counter:confirm", visit.pk)
    _shown(request, visit, "来庁受付(印刷と署名)")
    return _page(request, "counter/print.html", visit, Step.PRINT)


@requires(OPEN_VISIT)
@transaction.atomic
def packet(request: HttpRequest, pk: int) -> HttpResponse:
    """Return the guidance sheet and the filled forms as one PDF to print."""
    visit = _visit(pk)
    if not visit.confirmed_at:
        return redirect("counter:confirm", visit.pk)
    _shown(request, visit, "来庁受付(申請書の印刷)")

    kept = [p for p in visit.procedures if p.get("included")]
    cases = {case["event"]: case for case in build_cases(visit)}
    pdf = render_packet(
        cases[visit.event], kept, secrets.token_urlsafe(12), cases=cases
    )
    Visit.objects.filter(pk=visit.pk).update(
        print_count=F("print_count") + 1, printed_at=timezone.now()
    )

    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="visit-{visit.pk}.pdf"'
    return response


@require_POST
@requires(OPEN_VISIT)
@transaction.atomic
def sign(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that the resident signed the printed forms, closing the visit."""
    try:
        visit = lock_visit(request, pk)
    except StaleVisit as refused:
        return refuse_stale(request, pk, refused)
    if not visit.printed_at:
        return redirect("counter:print", visit.pk)
    save_visit(visit, status=VisitStatus.SIGNED, signed_at=timezone.now())
    create_tasks(visit, request.user)
    close_if_settled(visit.pk)
    return redirect("counter:visits")
