"""A staff account and its role."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RECEPTION = "reception", _("受付")
    CLERK = "clerk", _("窓口職員")
    DEPARTMENT = "department", _("担当課職員")
    SUPERVISOR = "supervisor", _("管理監督者")
    ADMINISTRATOR = "administrator", _("システム管理者")


class StaffUser(AbstractUser):
    """A member of staff who signs in to madoguchi."""

    role = models.CharField(_("役割"), max_length=20, choices=Role.choices)
    department = models.ForeignKey(
        "packs.Department",
        verbose_name=_("担当課"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        help_text=_("担当課職員は必ず担当課に所属します。"),
    )

    class Meta:
        verbose_name = _("職員")
        verbose_name_plural = _("職員")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role=Role.DEPARTMENT)
                | models.Q(department__isnull=False),
                name="department_staff_have_a_department",
                violation_error_message=_("担当課職員には担当課を指定してください。"),
            )
        ]

    def clean(self) -> None:
        super().clean()
        if self.role == Role.DEPARTMENT and self.department_id is None:
            raise ValidationError(
                {"department": _("担当課職員には担当課を指定してください。")}
            )

    def save(self, *args: object, **kwargs: object) -> None:
        # Only administrators reach the Django admin; the flag follows the role
        # so that nobody can be given the admin by a stray checkbox.
        self.is_staff = self.is_superuser = self.role == Role.ADMINISTRATOR
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def display_name(self) -> str:
        full = f"{self.last_name} {self.first_name}".strip()
        return full or self.username
