"""The one error a user can cause when typing Japanese text or dates."""


class JapaneseInputError(ValueError):
    """Raise when typed text cannot be read as its field requires."""

    def __init__(self, field: str, rule: str) -> None:
        self.field = field
        self.rule = rule
        self.message = f"{field}: {rule}"
        super().__init__(self.message)
