"""The domain error of the pilots feature."""

from intranet.domain import DomainError


class PilotError(DomainError):
    """A rule of pilot projects was broken; the message is shown to the user next to `field`."""
