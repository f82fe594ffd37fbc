"""Forms of the guides feature; length limits are checked again in the services."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import AnyOf, DataRequired, InputRequired, NumberRange, Optional, ValidationError

from intranet.form_rules import FORMATTING_HELP, REQUIRED, max_length
from intranet.guides.services import BODY_MAX, TITLE_MAX

NOT_POSSIBLE = _l("Dieser Wert ist hier nicht möglich.")


class CheckboxField(BooleanField):
    """A checkbox that accepts only what a browser sends for it (not any text as "yes")."""

    SENT = ("y", "on", "true", "1", "false", "")

    def pre_validate(self, form):
        if self.raw_data and self.raw_data[0] not in self.SENT:
            raise ValidationError(NOT_POSSIBLE)


class AskForm(FlaskForm):
    title = StringField(
        _l("Ihre Frage in einem Satz"),
        validators=[DataRequired(REQUIRED), max_length(TITLE_MAX)],
        description=_l("Beim Tippen zeigen wir ähnliche, schon beantwortete Fragen."),
        render_kw={"autocomplete": "off"},
    )
    body = TextAreaField(
        _l("Details (optional)"),
        validators=[Optional(), max_length(BODY_MAX)],
        description=FORMATTING_HELP,
        render_kw={"rows": 6},
    )
    topic_id = SelectField(
        _l("Thema"),
        coerce=int,
        validate_choice=False,
        description=_l(
            "Mit Thema geht die Frage an die nächste Lotsin oder den nächsten Lotsen für dieses Thema."
        ),
    )
    visibility = SelectField(
        _l("Wer darf die Frage lesen?"),
        choices=[
            ("public", _l("Alle Mitarbeitenden (beantwortete Fragen erscheinen in den FAQ)")),
            ("private", _l("Nur ich und die zuständigen Lotsinnen und Lotsen")),
        ],
        default="public",
    )

    def validate_topic_id(self, field):
        if field.data and field.data not in {value for value, _label in field.choices}:
            raise ValidationError(_l("Dieses Thema gibt es nicht. Bitte wählen Sie eines aus der Liste."))


class PostForm(FlaskForm):
    body = TextAreaField(
        _l("Ihre Nachricht"), validators=[DataRequired(REQUIRED), max_length(BODY_MAX)], render_kw={"rows": 5}
    )
    # Sent by the pressed button ("Antwort senden" / "Als Rückfrage senden"), never rendered as
    # a hidden field: a hidden "answer" would come first and win over the button's value.
    kind = StringField(validators=[Optional(), AnyOf(("answer", "ask_back"), message=NOT_POSSIBLE)])

    @property
    def is_ask_back(self) -> bool:
        return self.kind.data == "ask_back"


class AcceptForm(FlaskForm):
    answer_id = IntegerField(validators=[InputRequired()])


class SearchForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Suchbegriff"), validators=[Optional(), max_length(200)])
    topic = SelectField(_l("Thema"), coerce=int, validate_choice=False, default=0)


class ProfileForm(FlaskForm):
    is_absent = CheckboxField(_l("Ich bin gerade abwesend (Fragen gehen an meine Vertretung)"))
    deputy_id = SelectField(_l("Vertretung"), coerce=int, validate_choice=False)
    topic_ids = SelectMultipleField(
        _l("Meine Themen"),
        coerce=int,
        validate_choice=False,
        description=_l("Mehrfachauswahl mit Strg- bzw. Umschalttaste."),
    )
    note = StringField(
        _l("Hinweis für Kolleginnen und Kollegen"),
        validators=[Optional(), max_length(300)],
        description=_l("Zum Beispiel: „Sprechzeit dienstags 10–12 Uhr“."),
    )


class SlaForm(FlaskForm):
    depth = IntegerField(validators=[InputRequired(), NumberRange(min=0, max=12)])
    sla_hours = IntegerField(
        _l("Frist in Stunden (nur Arbeitstage zählen, 24 = 1 Arbeitstag)"),
        validators=[
            InputRequired(REQUIRED),
            NumberRange(min=1, max=720, message=_l("Bitte eine Zahl zwischen 1 und 720.")),
        ],
    )
    warn_hours = IntegerField(
        _l("Warnung so viele Arbeitsstunden vorher"),
        validators=[
            InputRequired(REQUIRED),
            NumberRange(min=0, max=719, message=_l("Bitte eine Zahl zwischen 0 und 719.")),
        ],
    )


class AssignGuideForm(FlaskForm):
    email = StringField(
        _l("E-Mail-Adresse der Person"),
        validators=[DataRequired(REQUIRED), max_length(254)],
        description=_l("Die Person wird Lotsin oder Lotse dieser Einheit (mit allen Untereinheiten)."),
        render_kw={"autocomplete": "off"},
    )
