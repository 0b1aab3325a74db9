"""What a municipality pack defines, as loaded into the database."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Municipality(models.Model):
    """The municipality this installation serves (one row)."""

    code = models.CharField(_("地方公共団体コード"), max_length=6, unique=True)
    name = models.CharField(_("名称"), max_length=40)
    name_kana = models.CharField(_("名称(カナ)"), max_length=80, blank=True)
    prefecture = models.CharField(_("都道府県"), max_length=10)

    class Meta:
        verbose_name = _("自治体")
        verbose_name_plural = _("自治体")

    def __str__(self) -> str:
        return f"{self.prefecture}{self.name}"


class Town(models.Model):
    """A town (町名) of the municipality, with its postal code."""

    name = models.CharField(_("町名"), max_length=40, unique=True)
    name_kana = models.CharField(_("町名(カナ)"), max_length=80, blank=True)
    postal_code = models.CharField(_("郵便番号"), max_length=8)
    blocks = models.PositiveSmallIntegerField(_("丁目の数"), default=0)

    class Meta:
        verbose_name = _("町名")
        verbose_name_plural = _("町名")
        ordering = ["postal_code", "name"]

    def __str__(self) -> str:
        return self.name


class Office(models.Model):
    """A building where residents are served: the city hall or a branch."""

    code = models.SlugField(_("コード"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=60)
    address = models.CharField(_("所在地"), max_length=120, blank=True)
    opening_hours = models.CharField(_("開庁時間"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("庁舎")
        verbose_name_plural = _("庁舎")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """A department (課) that owns procedures and staff."""

    code = models.SlugField(_("コード"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=60)
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="departments"
    )

    class Meta:
        verbose_name = _("担当課")
        verbose_name_plural = _("担当課")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Counter(models.Model):
    """A counter (窓口) a resident walks to: its number, floor and department."""

    code = models.SlugField(_("コード"), max_length=40, unique=True)
    number = models.CharField(_("窓口番号"), max_length=10)
    name = models.CharField(_("名称"), max_length=60)
    floor = models.CharField(_("階"), max_length=10)
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="counters"
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="counters"
    )

    class Meta:
        verbose_name = _("窓口")
        verbose_name_plural = _("窓口")
        ordering = ["office", "number"]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"
