"""Forms of the pilots feature (filters are GET forms without CSRF)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, Email, InputRequired, NumberRange, Optional

from intranet.form_rules import EMAIL_INVALID, FORMATTING_HELP, REQUIRED, max_length
from intranet.pilots.models import STATUS_LABELS
from intranet.pilots.signups import MOTIVATION_MAX, REASON_MAX

PLACES = NumberRange(min=1, max=10000, message=_l("Bitte geben Sie zwischen 1 und 10.000 Plätze an."))


class PilotForm(FlaskForm):
    title = StringField(_l("Titel"), validators=[DataRequired(REQUIRED), max_length(160)])
    goal = TextAreaField(
        _l("Ziel"),
        validators=[DataRequired(REQUIRED), max_length(500)],
        description=_l("Was soll der Pilot zeigen? Ein bis zwei Sätze."),
    )
    description = TextAreaField(
        _l("Beschreibung"), validators=[max_length(20000)], description=FORMATTING_HELP
    )
    requirements = TextAreaField(_l("Voraussetzungen"), validators=[max_length(5000)])
    unit_id = SelectField(_l("Verantwortliche Einheit"), coerce=int)
    owner_email = EmailField(
        _l("Verantwortliche Person (E-Mail-Adresse)"),
        validators=[Optional(), Email(EMAIL_INVALID), max_length(254)],
        description=_l("Leer lassen, wenn Sie selbst verantwortlich sind."),
    )
    starts_on = DateField(_l("Beginn"), validators=[Optional()])
    ends_on = DateField(_l("Ende"), validators=[Optional()])
    signup_deadline = DateField(_l("Anmeldeschluss"), validators=[Optional()])
    required_path_id = SelectField(
        _l("Erforderlicher Lernpfad"),
        coerce=int,
        description=_l("Wer sich anmeldet, muss diesen Lernpfad abgeschlossen haben."),
    )
    capacity = IntegerField(_l("Plätze"), validators=[InputRequired(REQUIRED), PLACES])

    def data_for_service(self) -> dict:
        return {
            name: self[name].data
            for name in (
                "title",
                "goal",
                "description",
                "requirements",
                "unit_id",
                "starts_on",
                "ends_on",
                "signup_deadline",
                "capacity",
                "required_path_id",
                "owner_email",
            )
            if name in self
        }


class SignupForm(FlaskForm):
    motivation = TextAreaField(
        _l("Warum möchten Sie mitmachen? (optional)"),
        validators=[max_length(MOTIVATION_MAX)],
        description=_l(
            "Ein paar Sätze genügen, höchstens 2.000 Zeichen. Nur die "
            "Verantwortlichen des Pilotprojekts sehen diesen Text."
        ),
    )


class CapacityForm(FlaskForm):
    capacity = IntegerField(_l("Anzahl der Plätze"), validators=[InputRequired(REQUIRED), PLACES])
    keep_confirmed = BooleanField(_l("Bestätigte Personen behalten, auch wenn es dann mehr sind als Plätze"))


class StatusForm(FlaskForm):
    status = SelectField(_l("Neuer Status"), choices=list(STATUS_LABELS.items()))


class RemoveForm(FlaskForm):
    reason = TextAreaField(
        _l("Grund"),
        validators=[DataRequired(REQUIRED), max_length(REASON_MAX)],
        description=_l("Die Person erhält diesen Grund in ihrer Benachrichtigung."),
    )


class MessageForm(FlaskForm):
    text = TextAreaField(_l("Nachricht"), validators=[DataRequired(REQUIRED), max_length(400)])
    include_waitlist = BooleanField(_l("Auch an die Personen auf der Warteliste"))


class DateForm(FlaskForm):
    title = StringField(_l("Bezeichnung"), validators=[DataRequired(REQUIRED), max_length(160)])
    day = DateField(_l("Datum"), validators=[DataRequired(REQUIRED)])
    start = TimeField(_l("Beginn (Uhrzeit)"), validators=[DataRequired(REQUIRED)])
    end = TimeField(_l("Ende (Uhrzeit)"), validators=[DataRequired(REQUIRED)])
    location = StringField(_l("Ort"), validators=[max_length(160)])


class ResultsForm(FlaskForm):
    summary = TextAreaField(_l("Zusammenfassung"), validators=[DataRequired(REQUIRED), max_length(10000)])
    worked = TextAreaField(_l("Was hat funktioniert?"), validators=[max_length(10000)])
    not_worked = TextAreaField(_l("Was hat nicht funktioniert?"), validators=[max_length(10000)])
    recommendation = TextAreaField(_l("Empfehlung"), validators=[max_length(10000)])
    decision_id = SelectField(_l("Entscheidung, die daraus folgte"), coerce=int)
    path_id = SelectField(_l("Lernpfad, der daraus folgte"), coerce=int)


class FilterForm(FlaskForm):
    class Meta:
        csrf = False

    status = SelectField(
        _l("Status"), choices=[("", _l("Alle"))] + list(STATUS_LABELS.items()), validate_choice=False
    )
    unit = SelectField(_l("Einheit"), coerce=str, validate_choice=False)
    open_only = BooleanField(_l("Nur mit offener Anmeldung"))
