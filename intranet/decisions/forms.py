"""Forms of the decision register."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields import DateField
from wtforms.validators import DataRequired, Length, Optional

from intranet.decisions.models import STATUS_LABELS, STATUSES, TRANSITIONS
from intranet.decisions.openapi import MAX_ID
from intranet.decisions.services import DecisionData

REQUIRED = _l("Bitte füllen Sie dieses Feld aus.")
LONG_TEXT = 20000


def _max(length: int):
    return Length(max=length, message=_l("Höchstens %(max)d Zeichen.", max=length))


class GermanDateField(DateField):
    """A date input whose parse error is a German message next to the field."""

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        raw = valuelist[0].strip()
        for pattern in ("%Y-%m-%d", "%d.%m.%Y"):  # the date picker, or typed by hand
            try:
                self.data = datetime.strptime(raw, pattern).date()  # noqa: DTZ007 - a date
                return
            except ValueError:
                continue
        self.data = None
        raise ValueError(_l("Bitte geben Sie ein gültiges Datum ein, z. B. 01.03.2027."))


class AlternativeForm(Form):
    title = StringField(_l("Alternative"), validators=[Optional(), _max(200)])
    why_not = TextAreaField(_l("Warum nicht?"), validators=[Optional(), _max(4000)])


class DecisionForm(FlaskForm):
    title = StringField(_l("Titel"), validators=[DataRequired(REQUIRED), _max(200)])
    unit_id = SelectField(
        _l("Verantwortliche Einheit"),
        coerce=int,
        validate_choice=False,
        description=_l("Für diese Einheit wird entschieden."),
    )
    summary = TextAreaField(
        _l("Was ändert sich für mich?"),
        validators=[_max(LONG_TEXT)],
        description=_l("In einfachen Worten, für alle Beschäftigten."),
    )
    context = TextAreaField(_l("Ausgangslage"), validators=[_max(LONG_TEXT)])
    decision_text = TextAreaField(_l("Entscheidung"), validators=[_max(LONG_TEXT)])
    rationale = TextAreaField(_l("Begründung"), validators=[_max(LONG_TEXT)])
    alternatives = FieldList(FormField(AlternativeForm), min_entries=3, max_entries=10)
    consequences = TextAreaField(_l("Auswirkungen"), validators=[_max(LONG_TEXT)])
    affected_unit_ids = SelectMultipleField(
        _l("Betroffene Einheiten"),
        coerce=int,
        validate_choice=False,
        description=_l(
            "Untereinheiten sind mit eingeschlossen. Mehrfachauswahl mit Strg- bzw. Umschalttaste."
        ),
    )
    decided_on = GermanDateField(_l("Entschieden am"), validators=[Optional()])
    effective_date = GermanDateField(_l("Gilt ab"), validators=[Optional()])
    confirm_early_effective = BooleanField(
        _l("Ja, die Entscheidung gilt rückwirkend (vor dem Entscheidungsdatum).")
    )
    review_date = GermanDateField(
        _l("Überprüfen am"), validators=[Optional()], description=_l("Sie werden an diesem Tag erinnert.")
    )
    decided_by = StringField(
        _l("Entschieden von"),
        validators=[_max(300)],
        description=_l("Gremium oder Personen, z. B. Verwaltungskonferenz."),
    )
    consulted = StringField(_l("Beteiligt wurden"), validators=[_max(500)])
    works_council_involved = BooleanField(_l("Personalrat beteiligt"))
    topic_id = SelectField(_l("Thema"), coerce=int, validate_choice=False)
    requires_acknowledgement = BooleanField(
        _l("Kenntnisnahme erforderlich: Betroffene bestätigen „zur Kenntnis genommen“")
    )
    reason = StringField(
        _l("Grund der Änderung"),
        validators=[_max(500)],
        description=_l("Wird im Verlauf für alle sichtbar angezeigt."),
    )
    is_substantive = BooleanField(
        _l("Wesentliche Änderung: Betroffene sollen die Entscheidung erneut zur Kenntnis nehmen")
    )

    def set_choices(self, unit_choices, topic_choices):
        self.unit_id.choices = [(0, _l("– bitte wählen –"))] + unit_choices
        self.affected_unit_ids.choices = unit_choices
        self.topic_id.choices = [(0, _l("– kein Thema –"))] + topic_choices

    def validate_unit_id(self, field):
        from wtforms.validators import ValidationError

        if not field.data:
            raise ValidationError(_l("Bitte wählen Sie die verantwortliche Einheit."))

    def validate_topic_id(self, field):
        from wtforms.validators import ValidationError

        if field.data and field.data not in dict(self.topic_id.choices):
            raise ValidationError(_l("Bitte wählen Sie ein Thema aus der Liste."))

    def to_data(self) -> DecisionData:
        return DecisionData(
            title=self.title.data or "",
            unit_id=self.unit_id.data,
            summary=self.summary.data or "",
            context=self.context.data or "",
            decision_text=self.decision_text.data or "",
            rationale=self.rationale.data or "",
            consequences=self.consequences.data or "",
            decided_by=self.decided_by.data or "",
            consulted=self.consulted.data or "",
            works_council_involved=bool(self.works_council_involved.data),
            decided_on=self.decided_on.data,
            effective_date=self.effective_date.data,
            review_date=self.review_date.data,
            requires_acknowledgement=bool(self.requires_acknowledgement.data),
            topic_id=self.topic_id.data or None,
            affected_unit_ids=list(self.affected_unit_ids.data or []),
            alternatives=[
                (entry.form.title.data or "", entry.form.why_not.data or "") for entry in self.alternatives
            ],
            confirm_early_effective=bool(self.confirm_early_effective.data),
        )


class StatusForm(FlaskForm):
    status = SelectField(_l("Neuer Status"), validate_choice=False)
    successor_id = SelectField(
        _l("Ersetzt durch"),
        coerce=int,
        validate_choice=False,
        description=_l("Nur bei „ersetzt“: die neue Entscheidung."),
    )
    reason = StringField(
        _l("Begründung"),
        validators=[DataRequired(REQUIRED), _max(500)],
        description=_l("Wird im Verlauf für alle sichtbar angezeigt."),
    )

    def set_choices(self, current_status: str, successors):
        self.status.choices = [(s, STATUS_LABELS[s]) for s in TRANSITIONS.get(current_status, ())]
        self.successor_id.choices = [(0, _l("– keine –"))] + successors

    def validate_status(self, field):
        from wtforms.validators import ValidationError

        if field.data not in dict(self.status.choices):
            raise ValidationError(_l("Bitte wählen Sie einen möglichen Status."))

    def validate_successor_id(self, field):
        from wtforms.validators import ValidationError

        if field.data and not 0 < field.data <= MAX_ID:
            raise ValidationError(_l("Bitte wählen Sie eine Entscheidung aus der Liste."))


class QuestionForm(FlaskForm):
    body = TextAreaField(
        _l("Ihre Frage"),
        validators=[DataRequired(REQUIRED), _max(4000)],
        description=_l(
            "Die verantwortliche Person antwortet hier; die Frage und die Antwort sind für alle sichtbar."
        ),
    )


class AnswerForm(FlaskForm):
    answer = TextAreaField(_l("Antwort"), validators=[DataRequired(REQUIRED), _max(4000)])


class TokenForm(FlaskForm):
    kind = SelectField(
        _l("Wofür?"),
        choices=[
            ("feed", _l("Feed-Reader und Kalender (Atom, iCal)")),
            ("api", _l("Programmierschnittstelle (API)")),
        ],
        validate_choice=True,
    )
    label = StringField(
        _l("Bezeichnung"),
        validators=[DataRequired(REQUIRED), _max(80)],
        description=_l("Zum Beispiel „Outlook“ oder „Feed-Reader im Büro“."),
    )


class RegisterFilterForm(FlaskForm):
    """GET filters of the register and the timeline (no CSRF: they change nothing)."""

    class Meta:
        csrf = False

    q = StringField(_l("Suche"), validators=[Optional(), _max(200)])
    mine = BooleanField(_l("Betrifft meine Einheit"))
    unit = SelectField(_l("Einheit"), coerce=int, validate_choice=False)
    topic = SelectField(_l("Thema"), coerce=int, validate_choice=False)
    status = SelectField(_l("Status"), validate_choice=False)
    date_from = GermanDateField(_l("Gilt ab (von)"), validators=[Optional()])
    date_to = GermanDateField(_l("Gilt ab (bis)"), validators=[Optional()])

    def set_choices(self, unit_choices, topic_choices, with_drafts: bool):
        self.unit.choices = [(0, _l("Alle Einheiten"))] + unit_choices
        self.topic.choices = [(0, _l("Alle Themen"))] + topic_choices
        statuses = [s for s in STATUSES if with_drafts or s != "draft"]
        self.status.choices = [("", _l("Alle"))] + [(s, STATUS_LABELS[s]) for s in statuses]
