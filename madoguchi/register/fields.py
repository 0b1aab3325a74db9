"""Model fields for the register: partly known dates and folded search keys."""

from functools import lru_cache
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from madoguchi.japanese.errors import JapaneseInputError
from madoguchi.japanese.wareki import PartialDate, parse_date

# A register holds a few tens of thousands of distinct dates; reading each
# once keeps a search of hundreds of rows from parsing the same text again.
_from_storage = lru_cache(maxsize=65536)(PartialDate.from_storage)


class CodePointOrder:
    """Compare and sort a text column by code point on every database.

    Search keys and stored dates are matched by prefix (``lookups.py``) and
    sorted through one ordinary index. SQLite compares text bytewise already;
    PostgreSQL needs the "C" collation, or a municipality's database created
    in ja_JP or en_US would order the keys by its locale's rules and could
    not use the index for a prefix.
    """

    def db_parameters(self, connection: Any) -> dict[str, Any]:
        params: dict[str, Any] = super().db_parameters(connection)  # type: ignore[misc]
        if connection.vendor == "postgresql":
            params["collation"] = "C"
        return params


class SearchKeyField(CodePointOrder, models.CharField):  # type: ignore[type-arg]
    """A folded copy of registered text that searches compare, never shown."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)


class PartialDateField(CodePointOrder, models.CharField):  # type: ignore[type-arg]
    """Store a PartialDate as ``YYYY-MM-DD`` with ``00`` for unknown parts.

    The text sorts like the dates it holds, and a prefix (``1975-``) selects
    a year, so the register can index and search it on any database.
    """

    description = _("和暦対応の年月日(月日不詳を含む)")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 13)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == 13:
            del kwargs["max_length"]
        return name, path, args, kwargs

    def from_db_value(self, value: str | None, *args: Any) -> PartialDate | None:
        if not value:
            return None
        return _from_storage(value)

    def to_python(self, value: Any) -> PartialDate | None:
        if value in (None, ""):
            return None
        if isinstance(value, PartialDate):
            return value
        try:
            return PartialDate.from_storage(value)
        except (ValueError, JapaneseInputError):
            return parse_date(str(value), field=str(self.verbose_name))

    def get_prep_value(self, value: Any) -> str | None:
        if value in (None, ""):
            return None if self.null else ""
        if isinstance(value, PartialDate):
            return value.to_storage()
        return str(value)

    def value_to_string(self, obj: models.Model) -> str:
        value = self.value_from_object(obj)
        return value.to_storage() if isinstance(value, PartialDate) else ""
