"""Forms of the feedback board."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, NumberRange, Optional

from intranet.feedback.moderation import ANSWER_MAX, REASON_MAX, REPORT_MAX
from intranet.feedback.services import COMMENT_MAX, SECRET_MAX, TEXT_MAX, TITLE_MAX
from intranet.form_rules import FORMATTING_HELP, REQUIRED, max_length
from intranet.security import MAX_DB_INT

KIND_LABELS = {
    "lesson": _l("Lernerfahrung / Fehler"),
    "idea": _l("Idee"),
    "concern": _l("Sorge / Frage"),
    "praise": _l("Lob"),
}
KIND_HINTS = {
    "lesson": _l(
        "Etwas ist schiefgegangen oder fast schiefgegangen – und daraus können alle "
        "lernen. Es geht um Abläufe, nicht um Schuld."
    ),
    "idea": _l("Ein Vorschlag, wie etwas einfacher, schneller oder besser gehen kann."),
    "concern": _l("Etwas macht Ihnen Sorgen, oder Sie haben eine Frage zur Veränderung."),
    "praise": _l("Etwas hat gut geklappt – sagen Sie es weiter."),
}
BODY_LABELS = {
    "idea": _l("Ihre Idee"),
    "concern": _l("Ihre Sorge oder Frage"),
    "praise": _l("Was war gut?"),
}
LESSON_REQUIRED = ("what_happened", "what_learned")


class PostForm(FlaskForm):
    kind = HiddenField()
    title = StringField(
        _l("Überschrift"),
        validators=[DataRequired(REQUIRED), max_length(TITLE_MAX)],
        description=_l("Ein kurzer Satz, worum es geht."),
    )
    body = TextAreaField(
        _l("Ihr Beitrag"),
        validators=[max_length(TEXT_MAX)],
        description=FORMATTING_HELP,
    )
    what_happened = TextAreaField(
        _l("Was ist passiert?"),
        validators=[max_length(TEXT_MAX)],
        description=_l("Beschreiben Sie den Ablauf, ohne Namen zu nennen."),
    )
    what_helped = TextAreaField(
        _l("Was hat geholfen?"), validators=[max_length(TEXT_MAX)], description=_l("Optional.")
    )
    what_learned = TextAreaField(_l("Was haben wir gelernt?"), validators=[max_length(TEXT_MAX)])
    what_prevents = TextAreaField(
        _l("Was würde es beim nächsten Mal verhindern?"),
        validators=[max_length(TEXT_MAX)],
        description=_l("Optional."),
    )
    identity = RadioField(
        _l("Wie möchten Sie veröffentlichen?"),
        default="named",
        choices=[
            ("named", _l("Mit meinem Namen")),
            ("anonymous", _l("Anonym – ohne jeden Bezug zu meiner Person")),
        ],
        validators=[DataRequired(_l("Bitte wählen Sie, ob mit Namen oder anonym."))],
    )
    unit_id = SelectField(_l("Organisationseinheit (optional)"), coerce=int, default=0)
    topic_id = SelectField(_l("Thema (optional)"), coerce=int, default=0)

    def set_choices(self, units, topics, k: int) -> None:
        self.unit_id.choices = [(0, _l("– keine Angabe –"))] + units
        self.topic_id.choices = topics
        self.unit_id.description = _l(
            "Bei anonymen Beiträgen nur Einheiten mit mindestens "
            "%(k)d aktiven Mitgliedern – sonst könnte man Sie "
            "erkennen.",
            k=k,
        )

    def required_fields(self) -> tuple[str, ...]:
        """Which text fields the chosen kind requires (marked as Pflichtfeld in the form)."""
        return LESSON_REQUIRED if self.kind.data == "lesson" else ("body",)

    def mark_required(self) -> None:
        for name in self.required_fields():
            self[name].flags.required = True

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for name in self.required_fields():
            field = self[name]
            if not (field.data or "").strip() and not field.errors:
                field.errors = [*field.errors, REQUIRED]
                valid = False
        return valid


class CommentForm(FlaskForm):
    post_id = HiddenField()
    body = TextAreaField(_l("Ihr Kommentar"), validators=[DataRequired(REQUIRED), max_length(COMMENT_MAX)])
    anonymous = BooleanField(
        _l("Anonym kommentieren"),
        description=_l(
            "Dann wird nichts gespeichert, das auf Sie verweist – auch nicht für die Administration."
        ),
    )


class SupportForm(FlaskForm):
    post_id = HiddenField()
    action = HiddenField()


class EmptyForm(FlaskForm):
    """Only the CSRF token (follow, unhide, dismiss)."""


class StatusForm(FlaskForm):
    status = SelectField(_l("Neuer Status"), choices=[])
    answer = TextAreaField(
        _l("Offizielle Antwort"),
        validators=[max_length(ANSWER_MAX)],
        description=_l(
            "Bei „umgesetzt“ und „nicht umgesetzt“ ist eine Begründung Pflicht. Alle können sie lesen."
        ),
    )


class ReasonForm(FlaskForm):
    reason = TextAreaField(_l("Begründung"), validators=[DataRequired(REQUIRED), max_length(REASON_MAX)])


class ReportForm(FlaskForm):
    reason = TextAreaField(
        _l("Was ist an diesem Beitrag nicht in Ordnung?"),
        validators=[DataRequired(REQUIRED), max_length(REPORT_MAX)],
        description=_l("Die Moderation sieht Ihre Meldung mit Ihrem Namen."),
    )


class SecretForm(FlaskForm):
    secret = StringField(
        _l("Ihr Zugangscode"),
        validators=[DataRequired(REQUIRED), max_length(SECRET_MAX)],
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )


class AnonymousReplyForm(FlaskForm):
    secret = HiddenField()
    body = TextAreaField(
        _l("Ihre Antwort (anonym)"), validators=[DataRequired(REQUIRED), max_length(COMMENT_MAX)]
    )


def _record_number() -> NumberRange:
    """A number as Lotse shows it for a decision or pilot: 1 up to the largest database id."""
    return NumberRange(min=1, max=MAX_DB_INT, message=_l("Bitte geben Sie eine gültige Nummer ein."))


class LinkForm(FlaskForm):
    decision_id = IntegerField(
        _l("Nummer der Entscheidung"),
        validators=[Optional(), _record_number()],
        description=_l("Leer lassen, um die Verknüpfung zu lösen."),
    )
    pilot_id = IntegerField(
        _l("Nummer des Pilotprojekts"),
        validators=[Optional(), _record_number()],
        description=_l("Leer lassen, um die Verknüpfung zu lösen."),
    )


class BoardFilterForm(FlaskForm):
    class Meta:
        csrf = False

    kind = SelectField(
        _l("Art"), validate_choice=False, choices=[("", _l("Alle Arten"))] + list(KIND_LABELS.items())
    )
    status = SelectField(_l("Status"), validate_choice=False, choices=[])
    unit = SelectField(_l("Einheit"), coerce=int, validate_choice=False, default=0)
    topic = SelectField(_l("Thema"), coerce=int, validate_choice=False, default=0)
    sort = SelectField(
        _l("Sortierung"),
        validate_choice=False,
        default="new",
        choices=[("new", _l("Neueste zuerst")), ("support", _l("Meiste Unterstützung"))],
    )
    mine = BooleanField(
        _l("Nur meine Beiträge mit Namen"),
        description=_l("Anonyme Beiträge sind nie dabei: Lotse weiß nicht, von wem sie sind."),
    )

    def set_choices(self, status_labels, units, topics) -> None:
        self.status.choices = [("", _l("Alle Status"))] + list(status_labels.items())
        self.unit.choices = [(0, _l("Alle Einheiten"))] + units
        self.topic.choices = topics
