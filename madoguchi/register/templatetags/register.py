"""Show register dates the way a counter reads them: 和暦 first."""

from datetime import date
from typing import Any

from django import template
from django.utils.translation import gettext as _

from madoguchi.japanese.wareki import PartialDate
from madoguchi.register.models import Status

register = template.Library()


@register.filter
def wareki(value: PartialDate | None) -> str:
    """Write a register date in 和暦, 「月日不詳」 included."""
    return value.wareki() if value else ""


@register.filter
def age(value: PartialDate | None, today: date) -> str:
    """Write the age in full years; a partly unknown birth date says so."""
    if value is None:
        return ""
    years = value.age_on(today)
    if value.age_is_exact(today):
        return _("%(years)d歳") % {"years": years}
    return _("%(years)d歳以上") % {"years": years}


@register.filter
def age_of(person: Any, today: date) -> str:
    """Write a resident's age: today's, or for the deceased the age at death."""
    died = person.status_changed_on.as_date() if person.status_changed_on else None
    if person.status != Status.DECEASED or died is None:
        return age(person.birth_date, today)
    return _("死亡時%(age)s") % {"age": age(person.birth_date, died)}
