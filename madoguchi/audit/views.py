"""The supervisor's list of who looked at which resident."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from madoguchi.audit.models import AccessRecord
from madoguchi.staff.access import REVIEW_AUDIT, requires


@requires(REVIEW_AUDIT)
def records(request: HttpRequest) -> HttpResponse:
    """List access records, newest first, filtered by staff or 宛名番号."""
    found = AccessRecord.objects.select_related("staff", "resident")
    staff = request.GET.get("staff", "").strip()
    if staff:
        found = found.filter(staff__username=staff)
    resident = request.GET.get("resident", "").strip()
    if resident:
        found = found.filter(resident__atena_number=resident)
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/records.html",
        {"page": page, "staff": staff, "resident": resident},
    )
