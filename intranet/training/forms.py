"""Forms of the training paths."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    URLField,
)
from wtforms.validators import DataRequired, InputRequired, Optional, ValidationError

from intranet import clock
from intranet.form_rules import FORMATTING_HELP, REQUIRED, max_length
from intranet.training.services import no_such_position

LEVEL_CHOICES = [("einstieg", _l("Einstieg")), ("aufbau", _l("Aufbau")), ("vertiefung", _l("Vertiefung"))]
KIND_CHOICES = [
    ("read", _l("Lesen")),
    ("link", _l("Link oder Video")),
    ("session", _l("Präsenztermin")),
    ("quiz", _l("Selbsttest (Quiz)")),
    ("practice", _l("Praxisnachweis (Bestätigung durch Lotsin/Lotse)")),
]


def _without_nul(value):
    # PostgreSQL text cannot hold NUL bytes; a pasted one would otherwise be a database error.
    return value.replace("\x00", "") if isinstance(value, str) else value


class TrainingForm(FlaskForm):
    """Every training form drops NUL bytes from text input."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            filters = unbound_field.kwargs.get("filters", [])
            return unbound_field.bind(form=form, filters=[_without_nul, *filters], **options)


class GermanIntegerField(IntegerField):
    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(_l("Bitte geben Sie eine ganze Zahl ein.")) from None


class GermanDateField(DateField):
    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(_l("Bitte geben Sie ein gültiges Datum ein (TT.MM.JJJJ).")) from None


class LocalDateTimeField(DateTimeLocalField):
    """Entered in Berlin time, handed to services as aware UTC."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(_l("Bitte geben Sie Datum und Uhrzeit vollständig an.")) from None

    @property
    def utc(self) -> datetime | None:
        return self.data.replace(tzinfo=clock.LOCAL_TZ) if self.data else None

    def set_utc(self, value: datetime | None) -> None:
        self.data = value.astimezone(clock.LOCAL_TZ).replace(tzinfo=None) if value else None


class CatalogueFilterForm(TrainingForm):
    class Meta:
        csrf = False

    q = StringField(_l("Suchbegriff"), validators=[Optional(), max_length(100)])
    level = SelectField(_l("Stufe"), choices=[("", _l("Alle Stufen"))] + LEVEL_CHOICES, validate_choice=False)
    topic = SelectField(_l("Thema"), coerce=int, validate_choice=False)
    show = SelectField(
        _l("Anzeigen"),
        validate_choice=False,
        choices=[
            ("", _l("Alle Lernpfade")),
            ("unit", _l("Für meine Einheit vorgesehen")),
            ("assigned", _l("Mir zugewiesen")),
            ("mine", _l("Von mir begonnen")),
        ],
    )

    def coerce_topic(self):
        try:
            value = int(self.topic.raw_data[0]) if self.topic.raw_data else 0
        except (TypeError, ValueError):
            return 0
        return value if 0 < value < 2**31 else 0  # out-of-range ids would be a database error


class PathForm(TrainingForm):
    title = StringField(
        _l("Titel"),
        validators=[DataRequired(REQUIRED), max_length(160)],
    )
    summary = TextAreaField(
        _l("Zusammenfassung"),
        description=FORMATTING_HELP,
        validators=[max_length(20000)],
        render_kw={"rows": 8},
    )
    level = SelectField(_l("Stufe"), choices=LEVEL_CHOICES)
    audience = StringField(
        _l("Für wen?"),
        description=_l("z. B. „Alle Beschäftigten mit Bildschirmarbeitsplatz“"),
        validators=[max_length(300)],
    )
    estimated_minutes = GermanIntegerField(
        _l("Geschätzte Dauer in Minuten"), default=30, validators=[InputRequired(REQUIRED)]
    )
    topic_id = SelectField(_l("Thema"), coerce=int)
    is_sequential = BooleanField(_l("Schritte der Reihe nach (weiter erst nach Abschluss)"), default=True)
    prerequisite_ids = SelectMultipleField(
        _l("Voraussetzungen (vorher abzuschließende Lernpfade)"),
        coerce=int,
        description=_l("Mehrfachauswahl mit Strg- bzw. Umschalttaste."),
    )
    preview = SubmitField(_l("Vorschau anzeigen"))
    save = SubmitField(_l("Speichern"))


class StepForm(TrainingForm):
    kind = SelectField(_l("Art des Schritts"), choices=KIND_CHOICES)
    title = StringField(
        _l("Titel"),
        validators=[DataRequired(REQUIRED), max_length(160)],
    )
    body = TextAreaField(
        _l("Text"),
        description=FORMATTING_HELP,
        render_kw={"rows": 10},
        validators=[max_length(50000)],
    )
    url = URLField(
        _l("Adresse (Link oder Video)"),
        description=_l("Beginnt mit https://"),
        validators=[max_length(500)],
    )
    session_starts_at = LocalDateTimeField(_l("Beginn"), validators=[Optional()])
    session_ends_at = LocalDateTimeField(_l("Ende"), validators=[Optional()])
    session_place = StringField(_l("Ort"), validators=[max_length(200)])
    capacity = GermanIntegerField(_l("Plätze"), validators=[Optional()])
    pass_mark = GermanIntegerField(_l("Bestehensgrenze in Prozent"), default=80, validators=[Optional()])
    mark_updated = BooleanField(
        _l(
            "Als „aktualisiert“ markieren und alle benachrichtigen, "
            "die diesen Schritt schon abgeschlossen haben"
        )
    )
    preview = SubmitField(_l("Vorschau anzeigen"))
    save = SubmitField(_l("Speichern"))


class QuestionForm(TrainingForm):
    text = StringField(
        _l("Frage"),
        validators=[DataRequired(REQUIRED), max_length(500)],
    )
    explanation = TextAreaField(
        _l("Erklärung (wird nach dem Antworten gezeigt)"),
        render_kw={"rows": 3},
        validators=[max_length(1000)],
    )
    option_1 = StringField(_l("Antwort 1"), validators=[max_length(300)])
    correct_1 = BooleanField(_l("Antwort 1 ist richtig"))
    option_2 = StringField(_l("Antwort 2"), validators=[max_length(300)])
    correct_2 = BooleanField(_l("Antwort 2 ist richtig"))
    option_3 = StringField(_l("Antwort 3 (optional)"), validators=[max_length(300)])
    correct_3 = BooleanField(_l("Antwort 3 ist richtig"))
    option_4 = StringField(_l("Antwort 4 (optional)"), validators=[max_length(300)])
    correct_4 = BooleanField(_l("Antwort 4 ist richtig"))

    def options(self) -> list[tuple[str, bool]]:
        return [(getattr(self, f"option_{i}").data, getattr(self, f"correct_{i}").data) for i in range(1, 5)]


class PositionField(IntegerField):
    """A whole number, or None for anything else (the form says which numbers exist)."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None


class MoveForm(TrainingForm):
    position = PositionField(_l("Neue Position"))

    def __init__(self, *args, step_count: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.step_count = step_count

    def validate_position(self, field):
        if field.data is None or not 1 <= field.data <= self.step_count:
            raise ValidationError(no_such_position(self.step_count))


class StatusForm(TrainingForm):
    status = HiddenField()


class PracticeRequestForm(TrainingForm):
    note = TextAreaField(
        _l("Was haben Sie in der Praxis gemacht? (optional)"),
        render_kw={"rows": 3},
        validators=[max_length(1000)],
    )


class PracticeDecisionForm(TrainingForm):
    feedback = TextAreaField(
        _l("Rückmeldung"),
        render_kw={"rows": 3},
        description=_l("Pflicht, wenn noch etwas fehlt."),
        validators=[max_length(1000)],
    )
    confirm = SubmitField(_l("Bestätigen"))
    send_feedback = SubmitField(_l("Rückmeldung senden"))


class AssignForm(TrainingForm):
    unit_id = SelectField(
        _l("Organisationseinheit (mit allen Untereinheiten)"), coerce=int, validate_choice=False
    )
    due_on = GermanDateField(_l("Abschließen bis"), validators=[InputRequired(REQUIRED)])


class ReportFilterForm(TrainingForm):
    class Meta:
        csrf = False

    path = SelectField(_l("Lernpfad"), coerce=int, validate_choice=False)


class QuizForm(TrainingForm):
    """A quiz attempt: the answers are checkboxes named q<question id>, read by the view; a
    missing answer is reported in the form's error summary and at each open question."""
