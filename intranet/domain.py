"""What every feature's services share: the domain error a view puts onto its form."""


class DomainError(ValueError):
    """A domain rule was broken; `message` (German, possibly lazy) goes next to `field`."""

    default_field: str | None = None

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field if field is not None else self.default_field

    def show_on(self, form, default_field: str) -> None:
        """Put the message next to its field, or next to `default_field` when the error
        names no field of this form."""
        name = self.field if self.field and self.field in form else default_field
        form[name].errors.append(self.message)
