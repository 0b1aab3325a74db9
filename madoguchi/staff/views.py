"""Sign-in, and the start screen each role lands on."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from madoguchi.staff.access import REVIEW_AUDIT, SEARCH_REGISTER, can


def home(request: HttpRequest) -> HttpResponse:
    """Send each member of staff to the first screen their role uses."""
    if can(request.user, SEARCH_REGISTER):
        return redirect("register:search")
    if can(request.user, REVIEW_AUDIT):
        return redirect("audit:records")
    if request.user.is_staff:
        return redirect("admin:index")
    return render(request, "staff/home.html")
