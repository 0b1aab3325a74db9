"""The clerk's first screens: search the register, open a resident."""

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from madoguchi.audit.service import record_search, record_view
from madoguchi.register.forms import SearchForm
from madoguchi.register.models import Resident
from madoguchi.register.search import search_residents
from madoguchi.staff.access import SEARCH_REGISTER, VIEW_RESIDENT, requires


@requires(SEARCH_REGISTER)
@transaction.atomic
def search(request: HttpRequest) -> HttpResponse:
    """Show the search form, and the residents found when it is filled."""
    form = SearchForm(request.GET or None)
    result = None
    if form.is_valid():
        criteria = form.criteria()
        result = search_residents(criteria)
        record_search(
            request.user, criteria.used(), len(result.found), screen="住民検索"
        )

    template = "register/search.html"
    if request.headers.get("HX-Request"):
        template = "register/_results.html"
    return render(
        request,
        template,
        {"form": form, "result": result, "today": timezone.localdate()},
    )


@requires(VIEW_RESIDENT)
@transaction.atomic
def resident(request: HttpRequest, pk: int) -> HttpResponse:
    """Show one resident, their household and the history of their record."""
    person = get_object_or_404(Resident.objects.select_related("household"), pk=pk)
    members = list(
        person.household.members.exclude(pk=person.pk).order_by("birth_date", "id")
    )
    record_view(request.user, [person], screen="住民詳細")
    record_view(request.user, members, screen="住民詳細(世帯員)")

    return render(
        request,
        "register/resident.html",
        {
            "person": person,
            "household": person.household,
            "members": members,
            "history": person.history.select_related("changed_by")[:20],
            "today": timezone.localdate(),
        },
    )
