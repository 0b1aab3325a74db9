"""Which role may open which screen.

Screens name the capability they need; this module is the one place that
says which roles hold it, so a reader sees the whole policy at once.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from madoguchi.staff.models import Role

SEARCH_REGISTER = "search_register"
VIEW_RESIDENT = "view_resident"
REVIEW_AUDIT = "review_audit"
OPEN_VISIT = "open_visit"
WORK_TASKS = "work_tasks"
SEE_DAY = "see_day"

_GRANTS: dict[str, frozenset[str]] = {
    SEARCH_REGISTER: frozenset({Role.CLERK, Role.DEPARTMENT, Role.SUPERVISOR}),
    VIEW_RESIDENT: frozenset({Role.CLERK, Role.DEPARTMENT, Role.SUPERVISOR}),
    REVIEW_AUDIT: frozenset({Role.SUPERVISOR}),
    OPEN_VISIT: frozenset({Role.CLERK, Role.SUPERVISOR}),
    WORK_TASKS: frozenset({Role.DEPARTMENT, Role.SUPERVISOR}),
    SEE_DAY: frozenset({Role.SUPERVISOR}),
}


def can(user: Any, capability: str) -> bool:
    """Tell whether ``user`` holds ``capability`` through their role."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.role in _GRANTS[capability]


def requires(capability: str) -> Callable[[Callable[..., HttpResponse]], Any]:
    """Refuse a view to a signed-in user whose role lacks ``capability``."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not can(request.user, capability):
                raise PermissionDenied(capability)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
