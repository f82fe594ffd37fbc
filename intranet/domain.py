"""What every feature's services and views share: the domain error, and `attempt`, the one way a
view runs a service call as the request's unit of work.

A view validates its form, then::

    done = attempt(lambda: signups.sign_up(pilot, current_user, form.motivation.data),
                   form=form, field="motivation", success=_("Sie sind angemeldet."))
    if done:
        return redirect_after_post(url_for("pilots.detail", pilot_id=pilot.id))
    return render_template(..., form=form), 422

On success the transaction is committed and the success message flashed; on a broken rule the
transaction is rolled back and the German message lands next to its field (or in the form's
error summary, or – without a form – in the live region as a flash message). Audit entries
are written by the services, inside the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


class DomainError(ValueError):
    """A domain rule was broken; `message` (German, possibly lazy) goes next to `field`."""

    default_field: str | None = None

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field if field is not None else self.default_field

    def show_on(self, form, default_field: str | None = None) -> None:
        """Put the message next to its field, else next to `default_field`, else into the
        form's error summary."""
        for name in (self.field, default_field):
            if name and name in form:
                form[name].errors = [*form[name].errors, self.message]
                return
        form.form_errors.append(self.message)


@dataclass
class Attempt(Generic[T]):
    """The outcome of `attempt`: truthy when the service call held, with its return value."""

    value: T | None = None
    error: DomainError | None = None

    def __bool__(self) -> bool:
        return self.error is None


def attempt(
    action: Callable[[], T],
    form=None,
    field: str | None = None,
    success: str | Callable[[T], str] | None = None,
) -> Attempt[T]:
    """Run `action`; commit and flash `success` (a text, or a function of the result), or roll
    back and show the DomainError on `form` (next to `field` unless the error names one)."""
    from flask import flash

    from intranet.extensions import db

    try:
        value = action()
    except DomainError as error:
        db.session.rollback()
        if form is not None:
            error.show_on(form, field)
        else:
            flash(str(error.message), "error")
        return Attempt(error=error)
    db.session.commit()
    if success is not None:
        flash(str(success(value) if callable(success) else success), "success")
    return Attempt(value=value)
