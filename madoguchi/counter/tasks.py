"""The departments' tasks of a signed visit: created at signature, then settled.

A task changes only on the version it was shown at, like the visit itself;
the visit closes when its last task is done or not needed.
"""

from datetime import date
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone

from madoguchi.counter.locking import StaleVisit
from madoguchi.counter.models import SETTLED, Task, TaskState, Visit, VisitStatus
from madoguchi.counter.register_updates import REGISTER_PROCEDURES, apply_to_register
from madoguchi.packs.models import Counter


class SettledTask(StaleVisit):
    """Raise when a form would change a task already done or not needed."""

    message = "この作業はすでに完了または不要になっているため、変更できません。"


def create_tasks(visit: Visit, clerk: Any) -> list[Task]:
    """Create one task per included procedure done at a counter of city hall."""
    counters = {c.code: c for c in Counter.objects.all()}
    now = timezone.now()
    tasks = []
    for procedure in visit.procedures:
        counter = procedure.get("counter") or {}
        found = counters.get(counter.get("code", ""))
        if not procedure.get("included") or procedure.get("outside") or not found:
            continue
        done = bool(procedure.get("done_today"))
        deadline = procedure.get("deadline")
        tasks.append(
            Task(
                visit=visit,
                code=procedure["code"],
                name=procedure["name"],
                members=list(procedure.get("members", [])),
                deadline=date.fromisoformat(deadline) if deadline else None,
                department_id=found.department_id,
                counter_code=found.code,
                state=TaskState.DONE if done else TaskState.WAITING,
                settled_by=clerk if done else None,
                settled_at=now if done else None,
            )
        )
    Task.objects.bulk_create(tasks)

    # 本日完了 at the counter means the 届出 was taken there: the register
    # follows now, as it would when a department completes the task.
    for task in tasks:
        if task.state == TaskState.DONE and task.code in REGISTER_PROCEDURES:
            if apply_to_register(visit, task.code, clerk):
                Task.objects.filter(pk=task.pk).update(register_updated_at=now)
    return tasks


def lock_task(request: HttpRequest, pk: int) -> Task:
    """Return the task locked for this transaction, if the form is current."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("a task is locked inside the view's transaction")
    task = get_object_or_404(
        Task.objects.select_for_update().select_related("visit"), pk=pk
    )
    if request.POST.get("version") != str(task.version):
        raise StaleVisit(task.visit_id)
    if task.is_settled:
        raise SettledTask(task.visit_id)
    return task


def change_state(task: Task, state: str, staff: Any) -> None:
    """Move the locked task to ``state``, by ``staff``, now."""
    now = timezone.now()
    task.state = state
    if state == TaskState.IN_PROGRESS:
        task.taken_by, task.taken_at = staff, now
    else:
        task.settled_by, task.settled_at = staff, now
    if (
        state == TaskState.DONE
        and task.code in REGISTER_PROCEDURES
        and task.register_updated_at is None
    ):
        visit = Visit.objects.select_for_update().get(pk=task.visit_id)
        if apply_to_register(visit, task.code, staff):
            task.register_updated_at = now
    task.version += 1
    task.save()
    close_if_settled(task.visit_id)


def close_if_settled(visit_pk: int) -> bool:
    """Close the signed visit when every one of its tasks is settled."""
    visit = Visit.objects.select_for_update().get(pk=visit_pk)
    if visit.status != VisitStatus.SIGNED:
        return visit.status == VisitStatus.CLOSED
    if visit.tasks.exclude(state__in=SETTLED).exists():
        return False
    visit.status = VisitStatus.CLOSED
    visit.version += 1
    visit.save()
    return True
