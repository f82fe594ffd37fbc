"""Thin job wrappers (see intranet/scheduler.py); the rules live in escalation.py."""

from intranet import clock
from intranet.guides.escalation import escalate_overdue, warn_before_deadline


def escalate() -> int:
    """Job `escalate`: move overdue questions one level up."""
    return escalate_overdue(clock.now())


def warn() -> int:
    """Job `warn-deadline`: warn guides shortly before a deadline."""
    return warn_before_deadline(clock.now())
