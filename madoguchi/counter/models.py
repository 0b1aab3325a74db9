"""The visit (来庁案件): what one household came for and how far it got."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from madoguchi.navigator.facts import EVENT_LABELS
from madoguchi.register.models import Household


class VisitStatus(models.TextChoices):
    OPEN = "open", _("受付中")
    SIGNED = "signed", _("署名済み")
    CLOSED = "closed", _("完了")


class Step(models.TextChoices):
    EVENT = "event", _("届出の内容")
    INTERVIEW = "interview", _("聞き取り")
    REVIEW = "review", _("手続きの確認")
    CONFIRM = "confirm", _("印字内容の確認")
    PRINT = "print", _("印刷と署名")


class Visit(models.Model):
    """One household's visit to the counter, step by step."""

    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("受付職員"),
        on_delete=models.PROTECT,
        related_name="visits",
    )
    household = models.ForeignKey(
        Household,
        verbose_name=_("世帯"),
        on_delete=models.PROTECT,
        related_name="visits",
        # A new arrival (転入) has no register household until the 市民課
        # completes jumin_tennyu; until then the people are in ``arrivals``.
        null=True,
        blank=True,
    )
    arrivals = models.JSONField(_("転入する人"), default=list, blank=True)
    subjects = models.JSONField(_("対象者"), default=list, blank=True)
    event = models.CharField(
        _("届出の事由"),
        max_length=40,
        blank=True,
        choices=list(EVENT_LABELS.items()),
    )
    event_date = models.DateField(_("事由発生日"), null=True, blank=True)
    # One case file holds one event (domain/case-file.md): a marriage with a
    # move is two, filed in one visit. Each is {"event": code, "event_date":
    # "YYYY-MM-DD"} and concerns the same subjects as ``event``.
    more_events = models.JSONField(_("あわせて届け出る事由"), default=list, blank=True)
    # A birth's child, typed at the counter: {"given_name", "given_name_kana",
    # "family_name", "family_name_kana", "sex"}; born on ``event_date``.
    newborn = models.JSONField(_("生まれた子"), default=dict, blank=True)
    # The case-file id of the member who becomes 世帯主 when the head leaves.
    new_head = models.CharField(_("新しい世帯主"), max_length=20, blank=True)
    answers = models.JSONField(_("聞き取りの回答"), default=dict, blank=True)
    procedures = models.JSONField(_("手続き"), default=list, blank=True)
    status = models.CharField(
        _("状態"), max_length=10, choices=VisitStatus.choices, default=VisitStatus.OPEN
    )
    version = models.PositiveIntegerField(_("版"), default=1)

    opened_at = models.DateTimeField(_("受付日時"), auto_now_add=True)
    event_chosen_at = models.DateTimeField(_("事由選択日時"), null=True, blank=True)
    interviewed_at = models.DateTimeField(_("聞き取り完了日時"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("手続き確認日時"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("印字内容確認日時"), null=True, blank=True)
    printed_at = models.DateTimeField(_("印刷日時"), null=True, blank=True)
    print_count = models.PositiveIntegerField(_("印刷回数"), default=0)
    signed_at = models.DateTimeField(_("署名日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("来庁案件")
        verbose_name_plural = _("来庁案件")
        ordering = ["-opened_at"]

    def __str__(self) -> str:
        return f"来庁案件 {self.pk}"

    @property
    def step(self) -> str:
        """Return the step at which the visit resumes."""
        if self.event_chosen_at is None:
            return Step.EVENT
        if self.interviewed_at is None:
            return Step.INTERVIEW
        if self.reviewed_at is None:
            return Step.REVIEW
        if self.confirmed_at is None:
            return Step.CONFIRM
        return Step.PRINT

    @property
    def purpose(self) -> str:
        return f"来庁案件 {self.pk}"


class TaskState(models.TextChoices):
    WAITING = "waiting", _("待ち")
    IN_PROGRESS = "in_progress", _("対応中")
    DONE = "done", _("完了")
    NOT_NEEDED = "not_needed", _("不要")


SETTLED = (TaskState.DONE, TaskState.NOT_NEEDED)


class Task(models.Model):
    """One procedure of a signed visit, on the worklist of its department."""

    visit = models.ForeignKey(
        Visit,
        verbose_name=_("来庁案件"),
        on_delete=models.CASCADE,
        related_name="tasks",
    )
    code = models.CharField(_("手続きコード"), max_length=60)
    name = models.CharField(_("手続き"), max_length=120)
    members = models.JSONField(_("対象者"), default=list, blank=True)
    deadline = models.DateField(_("期限"), null=True, blank=True)
    department = models.ForeignKey(
        "packs.Department",
        verbose_name=_("担当課"),
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    counter_code = models.CharField(_("窓口コード"), max_length=40)
    state = models.CharField(
        _("状態"), max_length=12, choices=TaskState.choices, default=TaskState.WAITING
    )
    version = models.PositiveIntegerField(_("版"), default=1)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("対応者"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    taken_at = models.DateTimeField(_("対応開始日時"), null=True, blank=True)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("完了・不要の判断者"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    settled_at = models.DateTimeField(_("完了・不要の日時"), null=True, blank=True)
    register_updated_at = models.DateTimeField(
        _("住民記録への反映日時"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("担当課の作業")
        verbose_name_plural = _("担当課の作業")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.visit} {self.code}"

    @property
    def is_settled(self) -> bool:
        return self.state in SETTLED
