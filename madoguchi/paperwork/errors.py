"""The one error that stops a packet from printing."""

from __future__ import annotations


class PrintError(Exception):
    """Refuse to print, naming the form, the field and the reason in Japanese.

    It is raised before any page is produced, so a clerk never hands out a
    form with a blank box where a character should be.
    """

    def __init__(
        self, reason: str, form: str | None = None, field: str | None = None
    ) -> None:
        self.reason = reason
        self.form = form
        self.field = field
        where = "".join(
            f"{label}「{name}」"
            for label, name in (("様式", form), ("項目", field))
            if name
        )
        super().__init__(f"{where}: {reason}" if where else reason)

    def located(self, form: str, field: str | None = None) -> PrintError:
        """Return the same error naming the form and field it happened in."""
        return PrintError(self.reason, form=form, field=field or self.field)
