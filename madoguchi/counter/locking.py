"""Optimistic locking: a change is saved only on the version it was made on."""

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from madoguchi.counter.models import Visit, VisitStatus

STALE_MESSAGE = "ほかの職員がこの案件を更新しました。画面を読み込み直してください。"
CLOSED_MESSAGE = "この案件は署名済みのため、変更できません。"


class StaleVisit(Exception):
    """Raise when a form was filled on a version of the visit since replaced."""

    message = STALE_MESSAGE


class ClosedVisit(StaleVisit):
    """Raise when a form would change a visit the resident has signed."""

    message = CLOSED_MESSAGE


def lock_visit(request: HttpRequest, pk: int) -> Visit:
    """Return the visit locked for this transaction, if the form is current."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("a visit is locked inside the view's transaction")
    visit = get_object_or_404(Visit.objects.select_for_update(), pk=pk)
    if request.POST.get("version") != str(visit.version):
        raise StaleVisit(visit.pk)
    if visit.status != VisitStatus.OPEN:
        raise ClosedVisit(visit.pk)
    return visit


def save_visit(visit: Visit, **changes: Any) -> None:
    """Apply ``changes`` to the locked visit and move it to its next version."""
    for name, value in changes.items():
        setattr(visit, name, value)
    visit.version += 1
    visit.save()
