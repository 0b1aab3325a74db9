"""The Django admin for administrators: staff accounts and the pack's rows.

Resident data is deliberately not in the admin: it changes through the
register's import and the counter, where every view is audited.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from madoguchi.staff.models import Role, StaffUser


def _administrators_only(request: HttpRequest) -> bool:
    user = request.user
    return bool(
        user.is_active
        and user.is_authenticated
        and getattr(user, "role", None) == Role.ADMINISTRATOR
    )


admin.site.has_permission = _administrators_only  # type: ignore[method-assign]
admin.site.site_header = _("madoguchi 管理")
admin.site.site_title = _("madoguchi 管理")


@admin.register(StaffUser)
class StaffUserAdmin(UserAdmin):  # type: ignore[type-arg]
    list_display = ("username", "last_name", "first_name", "role", "department")
    list_filter = ("role", "department", "is_active")
    fieldsets = (
        *UserAdmin.fieldsets,  # type: ignore[misc]
        (_("役割"), {"fields": ("role", "department")}),
    )
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        (_("役割"), {"fields": ("role", "department")}),
    )
