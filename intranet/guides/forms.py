"""Forms of the guides feature; length limits are checked again in the services."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from intranet.form_rules import REQUIRED
from intranet.guides.services import BODY_MAX, TITLE_MAX


def _too_long(maximum: int):
    return Length(max=maximum, message=_l("Höchstens %(max)d Zeichen.", max=maximum))


class AskForm(FlaskForm):
    title = StringField(
        _l("Ihre Frage in einem Satz"),
        validators=[DataRequired(REQUIRED), _too_long(TITLE_MAX)],
        description=_l("Beim Tippen zeigen wir ähnliche, schon beantwortete Fragen."),
        render_kw={"autocomplete": "off"},
    )
    body = TextAreaField(
        _l("Details (optional)"),
        validators=[Optional(), _too_long(BODY_MAX)],
        description=_l("Sie können Markdown verwenden, z. B. **fett** oder Listen mit „-“."),
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
        from wtforms.validators import ValidationError

        if field.data and field.data not in {value for value, _label in field.choices}:
            raise ValidationError(_l("Dieses Thema gibt es nicht. Bitte wählen Sie eines aus der Liste."))


class PostForm(FlaskForm):
    body = TextAreaField(
        _l("Ihre Nachricht"), validators=[DataRequired(REQUIRED), _too_long(BODY_MAX)], render_kw={"rows": 5}
    )
    kind = HiddenField(default="answer")


class AcceptForm(FlaskForm):
    answer_id = IntegerField(validators=[InputRequired()])


class SearchForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Suchbegriff"), validators=[Optional(), _too_long(200)])
    topic = SelectField(_l("Thema"), coerce=int, validate_choice=False, default=0)


class ProfileForm(FlaskForm):
    is_absent = BooleanField(_l("Ich bin gerade abwesend (Fragen gehen an meine Vertretung)"))
    deputy_id = SelectField(_l("Vertretung"), coerce=int, validate_choice=False)
    topic_ids = SelectMultipleField(
        _l("Meine Themen"),
        coerce=int,
        validate_choice=False,
        description=_l("Mehrfachauswahl mit Strg- bzw. Umschalttaste."),
    )
    note = StringField(
        _l("Hinweis für Kolleginnen und Kollegen"),
        validators=[Optional(), _too_long(300)],
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
        validators=[DataRequired(REQUIRED), _too_long(254)],
        description=_l("Die Person wird Lotsin oder Lotse dieser Einheit (mit allen Untereinheiten)."),
        render_kw={"autocomplete": "off"},
    )
