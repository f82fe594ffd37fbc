"""Background jobs of the training paths (run by `flask jobs run NAME` or the scheduler)."""

from intranet.training.assignments import send_reminders


def training_reminders() -> int:
    """Reminders 14 and 3 days before a due date; the job runner commits."""
    return send_reminders()
