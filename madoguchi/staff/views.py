"""Sign-in, and the start screen each role lands on."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from madoguchi.counter.models import Step, Visit, VisitStatus
from madoguchi.register.forms import SearchForm
from madoguchi.staff.access import OPEN_VISIT, REVIEW_AUDIT, SEARCH_REGISTER, can

# The start screen lists the clerk's latest visits; the rest are one link away.
OPEN_VISITS_SHOWN = 5


def home(request: HttpRequest) -> HttpResponse:
    """Send each member of staff to the first screen their role uses."""
    if can(request.user, OPEN_VISIT):
        return counter_start(request)
    if can(request.user, SEARCH_REGISTER):
        return redirect("register:search")
    if can(request.user, REVIEW_AUDIT):
        return redirect("audit:records")
    if request.user.is_staff:
        return redirect("admin:index")
    return render(request, "staff/home.html")


def counter_start(request: HttpRequest) -> HttpResponse:
    """Show the clerk where every visit starts: search, new arrival, open visits.

    The open visits are shown by number, event and step only, without names,
    so the start screen reads nobody's register data.
    """
    visits = Visit.objects.filter(
        opened_by=request.user, status__in=[VisitStatus.OPEN, VisitStatus.SIGNED]
    ).order_by("-opened_at")
    shown = list(visits[:OPEN_VISITS_SHOWN])
    return render(
        request,
        "register/search.html",
        {
            "form": SearchForm(),
            "result": None,
            "today": timezone.localdate(),
            "open_visits": [(visit, Step(visit.step)) for visit in shown],
            "open_visit_count": (
                len(shown) if len(shown) < OPEN_VISITS_SHOWN else visits.count()
            ),
        },
    )
