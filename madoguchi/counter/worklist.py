"""After the signature: the departments' worklists, a visit's status, the day.

Department staff see and change only their own department's tasks; a
supervisor, who belongs to no department, sees them all. Every screen that
names a resident records it with the visit as purpose.
"""

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from madoguchi.audit.service import record_view
from madoguchi.counter.casefile import arriving_head, current_members
from madoguchi.counter.locking import StaleVisit
from madoguchi.counter.models import SETTLED, Task, TaskState, Visit, VisitStatus
from madoguchi.counter.tasks import change_state, lock_task
from madoguchi.counter.views import refuse_stale
from madoguchi.japanese.wareki import to_wareki
from madoguchi.register.models import Resident
from madoguchi.staff.access import OPEN_VISIT, SEE_DAY, WORK_TASKS, can, requires

ACTIONS = {
    "take": TaskState.IN_PROGRESS,
    "complete": TaskState.DONE,
    "not_needed": TaskState.NOT_NEEDED,
}


def waited(since: datetime | None, until: datetime | None = None) -> str:
    """Say how long has passed since ``since``, in hours and minutes."""
    if since is None:
        return ""
    minutes = int(((until or timezone.now()) - since) / timedelta(minutes=1))
    hours, minutes = divmod(max(minutes, 0), 60)
    if hours:
        return _("%(h)d時間%(m)d分") % {"h": hours, "m": minutes}
    return _("%(m)d分") % {"m": minutes}


def _row(task: Task) -> dict[str, Any]:
    return {
        "task": task,
        "deadline": to_wareki(task.deadline) if task.deadline else "",
        "waited": waited(task.created_at, task.taken_at or task.settled_at),
    }


def _heads(request: HttpRequest, visits: list[Visit], screen: str) -> dict:
    """Return each visit's head, recording that the screen shows them."""
    heads = {}
    for visit in visits:
        if visit.household is None:
            # Not in the register until jumin_tennyu is done: nothing to audit.
            heads[visit.pk] = arriving_head(visit)
            continue
        head = visit.household.head()
        heads[visit.pk] = head
        if head is not None:
            record_view(request.user, [head], screen=screen, purpose=visit.purpose)
    return heads


def _own_tasks(user: Any) -> QuerySet[Task]:
    tasks = Task.objects.select_related(
        "visit__household", "department", "taken_by", "settled_by"
    )
    if user.department_id is not None:
        return tasks.filter(department_id=user.department_id)
    return tasks


@requires(WORK_TASKS)
@transaction.atomic
def worklist(request: HttpRequest) -> HttpResponse:
    """List today's tasks and the still open ones of the user's department."""
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    tasks = list(
        _own_tasks(request.user)
        .filter(Q(created_at__gte=start) | ~Q(state__in=SETTLED))
        .order_by("created_at", "id")
    )
    heads = _heads(
        request, list({t.visit_id: t.visit for t in tasks}.values()), "担当課の作業"
    )
    rows = [_row(task) | {"head": heads.get(task.visit_id)} for task in tasks]
    return render(
        request,
        "counter/worklist.html",
        {"rows": rows, "department": request.user.department},
    )


@require_POST
@requires(WORK_TASKS)
@transaction.atomic
def change_task(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Take, complete or set aside one task, on the version it was shown at."""
    if action not in ACTIONS:
        raise PermissionDenied(action)
    if not _own_tasks(request.user).filter(pk=pk).exists():
        get_object_or_404(Task, pk=pk)
        raise PermissionDenied(WORK_TASKS)
    try:
        task = lock_task(request, pk)
    except StaleVisit as refused:
        back = reverse("counter:worklist")
        return refuse_stale(request, refused.args[0], refused, back=back)

    visit = task.visit
    shown = Resident.objects.filter(
        Q(pk__in=visit.subjects) | Q(household=visit.household, relationship="世帯主")
    )
    record_view(request.user, shown, screen="担当課の作業", purpose=visit.purpose)
    change_state(task, ACTIONS[action], request.user)
    return redirect("counter:worklist")


@transaction.atomic
def status(request: HttpRequest, pk: int) -> HttpResponse:
    """Show where each procedure of the visit stands."""
    if not (can(request.user, OPEN_VISIT) or can(request.user, SEE_DAY)):
        raise PermissionDenied(OPEN_VISIT)
    visit = get_object_or_404(Visit.objects.select_related("household"), pk=pk)
    head = arriving_head(visit)
    if visit.household is not None:
        members = current_members(visit.household)
        record_view(
            request.user, members, screen="案件の進み具合", purpose=visit.purpose
        )
        head = visit.household.head()
    tasks = visit.tasks.select_related("department", "taken_by", "settled_by")
    return render(
        request,
        "counter/status.html",
        {
            "visit": visit,
            "head": head,
            "rows": [_row(task) for task in tasks],
            "outside": [
                p for p in visit.procedures if p.get("included") and p.get("outside")
            ],
        },
    )


@requires(SEE_DAY)
@transaction.atomic
def today(request: HttpRequest) -> HttpResponse:
    """List the day's visits not yet closed, with how long each has waited."""
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    visits = list(
        Visit.objects.filter(opened_at__gte=start)
        .exclude(status=VisitStatus.CLOSED)
        .select_related("household", "opened_by")
        .prefetch_related("tasks__department")
        .order_by("opened_at")
    )
    heads = _heads(request, visits, "本日の案件")
    rows = [
        {
            "visit": visit,
            "head": heads.get(visit.pk),
            "since_opened": waited(visit.opened_at),
            "since_signed": waited(visit.signed_at),
            "tasks": [_row(t) for t in visit.tasks.all()],
        }
        for visit in visits
    ]
    return render(request, "counter/today.html", {"rows": rows})
