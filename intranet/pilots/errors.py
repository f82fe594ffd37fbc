"""The domain error of the pilots feature."""


class PilotError(ValueError):
    """A rule of pilot projects was broken; the message is shown to the user next to `field`."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field
