"""Residents and households as the register (住民記録) holds them.

Items follow the 住民記録システム標準仕様書 as far as a counter needs them.
Names are stored exactly as registered, variation selectors included; the
search keys beside them are folded copies that nobody prints. 個人番号 is
not stored here at all.
"""

from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from madoguchi.japanese.wareki import PartialDate
from madoguchi.register.fields import PartialDateField, SearchKeyField
from madoguchi.register.keys import address_key, kana_key, kanji_key


class Status(models.TextChoices):
    RESIDENT = "resident", _("住民")
    MOVED_OUT = "moved_out", _("転出")
    DECEASED = "deceased", _("死亡")


class Sex(models.TextChoices):
    MALE = "M", _("男")
    FEMALE = "F", _("女")


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, PartialDate):
        return value.to_storage()
    return str(value)


class _Tracked(models.Model):
    """A register row whose every change keeps the state before it."""

    HISTORY_EXCLUDE: frozenset[str] = frozenset()

    class Meta:
        abstract = True

    def save(
        self,
        *args: Any,
        reason: str = "",
        changed_by: Any = None,
        **kwargs: Any,
    ) -> None:
        """Save, writing the previous state to the history if anything changed."""
        self.refresh_search_keys()
        loaded = getattr(self, "_loaded", None)
        previous = None if loaded is None else self.register_state(loaded)
        with transaction.atomic():
            super().save(*args, **kwargs)
            current = self.register_state()
            if previous and any(current[k] != v for k, v in previous.items()):
                self.history.create(  # type: ignore[attr-defined]
                    previous=previous, reason=reason, changed_by=changed_by
                )
        self._loaded = {
            field.attname: getattr(self, field.attname)
            for field in self._meta.concrete_fields
        }

    @classmethod
    def from_db(cls, db: Any, field_names: Any, values: Any) -> Any:
        instance = super().from_db(db, field_names, values)
        # Kept as loaded; turned into a history entry only if a save changes
        # something, so reading thousands of rows costs nothing extra.
        instance._loaded = dict(zip(field_names, values, strict=True))
        return instance

    def register_state(self, values: dict[str, Any] | None = None) -> dict[str, Any]:
        """Give the register items of this row (or of loaded values) as text."""
        state = {}
        for field in self._meta.concrete_fields:
            if field.primary_key or field.name in self.HISTORY_EXCLUDE:
                continue
            if values is None:
                value = getattr(self, field.attname)
            elif field.attname in values:
                value = values[field.attname]
            else:
                continue
            state[field.attname] = _as_text(value)
        return state

    def refresh_search_keys(self) -> None:
        """Recompute the folded search keys from the registered text."""


class Household(_Tracked):
    """A household (世帯): the people registered together at one address."""

    HISTORY_EXCLUDE = frozenset({"address_key"})

    setai_number = models.CharField(_("世帯番号"), max_length=12, unique=True)
    postal_code = models.CharField(_("郵便番号"), max_length=8, blank=True)
    address = models.CharField(_("住所"), max_length=160)
    katagaki = models.CharField(_("方書"), max_length=80, blank=True)
    address_key = SearchKeyField(max_length=160)

    class Meta:
        verbose_name = _("世帯")
        verbose_name_plural = _("世帯")
        indexes = [models.Index(fields=["address_key"], name="household_address")]

    def __str__(self) -> str:
        return self.setai_number

    def refresh_search_keys(self) -> None:
        self.address_key = address_key(self.address)

    @property
    def full_address(self) -> str:
        return f"{self.address} {self.katagaki}".strip()

    def head(self) -> "Resident | None":
        """Return the registered head (世帯主) among current members."""
        return self.members.filter(
            relationship="世帯主", status=Status.RESIDENT
        ).first()


class Resident(_Tracked):
    """A person in the register, current or former (転出, 死亡)."""

    HISTORY_EXCLUDE = frozenset(
        {"kana_key", "given_kana_key", "kanji_key", "given_kanji_key"}
    )

    juminhyo_code = models.CharField(_("住民票コード"), max_length=11, unique=True)
    atena_number = models.CharField(_("宛名番号"), max_length=15, unique=True)
    household = models.ForeignKey(
        Household,
        verbose_name=_("世帯"),
        on_delete=models.PROTECT,
        related_name="members",
    )
    family_name = models.CharField(_("氏"), max_length=60)
    given_name = models.CharField(_("名"), max_length=60, blank=True)
    family_name_kana = models.CharField(_("氏(フリガナ)"), max_length=120)
    given_name_kana = models.CharField(_("名(フリガナ)"), max_length=120, blank=True)
    former_family_name = models.CharField(_("旧氏"), max_length=60, blank=True)
    former_family_name_kana = models.CharField(
        _("旧氏(フリガナ)"), max_length=120, blank=True
    )
    birth_date = PartialDateField(_("生年月日"))
    sex = models.CharField(_("性別"), max_length=1, choices=Sex.choices)
    relationship = models.CharField(_("続柄"), max_length=20)
    became_resident_on = PartialDateField(_("住民となった年月日"), blank=True)
    address_since = PartialDateField(_("住定日"), blank=True)
    nationality = models.CharField(_("国籍"), max_length=40, default="日本")
    residence_status = models.CharField(_("在留資格"), max_length=40, blank=True)
    status = models.CharField(
        _("状態"), max_length=10, choices=Status.choices, default=Status.RESIDENT
    )
    status_changed_on = PartialDateField(_("異動日"), blank=True)

    kana_key = SearchKeyField(max_length=240)
    given_kana_key = SearchKeyField(max_length=120)
    kanji_key = SearchKeyField(max_length=120)
    given_kanji_key = SearchKeyField(max_length=60)

    class Meta:
        verbose_name = _("住民")
        verbose_name_plural = _("住民")
        # Each name key is indexed with the birth date behind it: a search
        # walks the index in the order it shows results (name, then birth
        # date) and checks a typed birth date without reading the row.
        indexes = [
            models.Index(fields=["birth_date"], name="resident_birth_date"),
            models.Index(fields=["kana_key", "birth_date"], name="resident_kana"),
            models.Index(
                fields=["given_kana_key", "birth_date"], name="resident_given_kana"
            ),
            models.Index(fields=["kanji_key", "birth_date"], name="resident_kanji"),
            models.Index(
                fields=["given_kanji_key", "birth_date"], name="resident_given_kanji"
            ),
        ]

    def __str__(self) -> str:
        # Used in the admin and error messages seen by staff, never in logs.
        return self.name

    @property
    def name(self) -> str:
        return f"{self.family_name} {self.given_name}".strip()

    @property
    def name_kana(self) -> str:
        return f"{self.family_name_kana} {self.given_name_kana}".strip()

    @property
    def is_foreign(self) -> bool:
        return self.nationality != "日本"

    def refresh_search_keys(self) -> None:
        self.kana_key = kana_key(self.family_name_kana + self.given_name_kana)
        self.given_kana_key = kana_key(self.given_name_kana)
        self.kanji_key = kanji_key(self.family_name + self.given_name)
        self.given_kanji_key = kanji_key(self.given_name)


class _History(models.Model):
    recorded_at = models.DateTimeField(_("記録日時"), auto_now_add=True)
    reason = models.CharField(_("異動事由"), max_length=60, blank=True)
    changed_by = models.ForeignKey(
        "staff.StaffUser",
        verbose_name=_("変更者"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    previous = models.JSONField(_("変更前の記録"))

    class Meta:
        abstract = True
        ordering = ["-recorded_at", "-id"]


class ResidentHistory(_History):
    """The state of a resident before one change."""

    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="history"
    )

    class Meta(_History.Meta):
        verbose_name = _("住民の履歴")
        verbose_name_plural = _("住民の履歴")

    def __str__(self) -> str:
        return f"{self.resident_id} {self.recorded_at:%Y-%m-%d} {self.reason}"


class HouseholdHistory(_History):
    """The state of a household before one change."""

    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, related_name="history"
    )

    class Meta(_History.Meta):
        verbose_name = _("世帯の履歴")
        verbose_name_plural = _("世帯の履歴")

    def __str__(self) -> str:
        return f"{self.household_id} {self.recorded_at:%Y-%m-%d} {self.reason}"


class NumberSeries(models.Model):
    """The last number handed out in one series (世帯番号, 宛名番号).

    Its row is locked while a number is taken, so two move-ins completed at
    the same moment wait for each other instead of taking the same number.
    """

    name = models.CharField(_("系列"), max_length=20, primary_key=True)
    last = models.BigIntegerField(_("最後に付けた番号"), default=0)

    class Meta:
        verbose_name = _("番号の系列")
        verbose_name_plural = _("番号の系列")

    def __str__(self) -> str:
        return self.name
