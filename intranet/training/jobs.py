"""Background jobs of the training paths (run by `flask jobs run NAME` or the scheduler)."""

from intranet.training.assignments import enrol_new_members, send_reminders


def training_reminders() -> str:
    """Enrol newcomers of assigned units, then remind 14 and 3 days before the due date."""
    added = enrol_new_members()
    sent = send_reminders()
    return f"{added} neu eingeplant, {sent} Erinnerungen"
