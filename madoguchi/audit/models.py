"""The audit trail of views of personal data."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    VIEW_RESIDENT = "view_resident", _("住民の記録を表示")
    SEARCH = "search", _("住民記録を検索")


class AccessRecord(models.Model):
    """One look at residents' data by one member of staff."""

    at = models.DateTimeField(_("日時"), auto_now_add=True, db_index=True)
    staff = models.ForeignKey(
        "staff.StaffUser",
        verbose_name=_("職員"),
        on_delete=models.PROTECT,
        related_name="access_records",
    )
    action = models.CharField(_("操作"), max_length=20, choices=Action.choices)
    resident = models.ForeignKey(
        "register.Resident",
        verbose_name=_("住民"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="access_records",
    )
    screen = models.CharField(_("画面"), max_length=60)
    purpose = models.CharField(_("目的"), max_length=120, blank=True)
    detail = models.CharField(
        _("内容"),
        max_length=200,
        blank=True,
        help_text=_("検索では使った条件の種類と件数。入力された氏名などは残さない。"),
    )

    class Meta:
        verbose_name = _("アクセス記録")
        verbose_name_plural = _("アクセス記録")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["resident", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.staff_id} {self.action}"
