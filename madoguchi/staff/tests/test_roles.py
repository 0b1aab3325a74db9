"""What each role may open, and what a role requires."""

import pytest
from django.db import IntegrityError, transaction

from madoguchi.staff.access import (
    OPEN_VISIT,
    REVIEW_AUDIT,
    SEARCH_REGISTER,
    SEE_DAY,
    VIEW_RESIDENT,
    WORK_TASKS,
    can,
)
from madoguchi.staff.models import Role, StaffUser

pytestmark = pytest.mark.django_db

EXPECTED = {
    Role.RECEPTION: set(),
    Role.CLERK: {SEARCH_REGISTER, VIEW_RESIDENT, OPEN_VISIT},
    Role.DEPARTMENT: {SEARCH_REGISTER, VIEW_RESIDENT, WORK_TASKS},
    Role.SUPERVISOR: {
        SEARCH_REGISTER,
        VIEW_RESIDENT,
        REVIEW_AUDIT,
        OPEN_VISIT,
        WORK_TASKS,
        SEE_DAY,
    },
    Role.ADMINISTRATOR: set(),
}


@pytest.mark.parametrize("role", list(Role))
def test_each_role_holds_only_what_its_work_needs(role: Role) -> None:
    user = StaffUser(username=str(role), role=role)

    held = {
        c
        for c in (
            SEARCH_REGISTER,
            VIEW_RESIDENT,
            REVIEW_AUDIT,
            OPEN_VISIT,
            WORK_TASKS,
            SEE_DAY,
        )
        if can(user, c)
    }

    assert held == EXPECTED[role]


def test_a_deactivated_account_holds_nothing(clerk: StaffUser) -> None:
    clerk.is_active = False

    assert not can(clerk, SEARCH_REGISTER)


def test_only_administrators_get_the_admin_flags(
    administrator: StaffUser, clerk: StaffUser
) -> None:
    clerk.is_superuser = clerk.is_staff = True
    clerk.save()

    assert (administrator.is_staff, administrator.is_superuser) == (True, True)
    assert (clerk.is_staff, clerk.is_superuser) == (False, False)


def test_department_staff_cannot_be_saved_without_a_department() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        StaffUser.objects.create(username="nobody", role=Role.DEPARTMENT)
