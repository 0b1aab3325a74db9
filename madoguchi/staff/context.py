"""Tell templates what the signed-in member of staff may open."""

from django.http import HttpRequest

from madoguchi.staff.access import (
    OPEN_VISIT,
    REVIEW_AUDIT,
    SEARCH_REGISTER,
    SEE_DAY,
    WORK_TASKS,
    can,
)


def capabilities(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    return {
        "may": {
            "search_register": can(user, SEARCH_REGISTER),
            "review_audit": can(user, REVIEW_AUDIT),
            "open_visit": can(user, OPEN_VISIT),
            "work_tasks": can(user, WORK_TASKS),
            "see_day": can(user, SEE_DAY),
        }
    }
