"""Forms of the administration area."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import DataRequired, Email, Optional

from intranet.form_rules import EMAIL_INVALID, REQUIRED, max_length

MAX_IMPORT_BYTES = 5 * 1024 * 1024


class UserForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(REQUIRED), max_length(120)])
    email = EmailField(
        _l("E-Mail-Adresse"),
        validators=[
            DataRequired(REQUIRED),
            Email(EMAIL_INVALID),
            max_length(254),
        ],
    )
    unit_id = SelectField(_l("Organisationseinheit"), coerce=int, validate_choice=True)
    locale = SelectField(_l("Sprache"), choices=[("de", "Deutsch"), ("en", "English")])
    is_admin = BooleanField(_l("Administration (System, Personen, Organisation, Moderation)"))
    guide_units = SelectMultipleField(
        _l("Lotsin/Lotse für diese Einheiten"),
        coerce=int,
        description=_l("Mehrfachauswahl mit Strg- bzw. Umschalttaste."),
    )
    leadership_units = SelectMultipleField(
        _l("Leitung für diese Einheiten (mit allen Untereinheiten)"),
        coerce=int,
        description=_l("Mehrfachauswahl mit Strg- bzw. Umschalttaste."),
    )
    password = PasswordField(
        _l("Erstes Passwort (optional)"),
        validators=[Optional()],
        description=_l("Leer lassen: Die Person setzt ihr Passwort über „Passwort vergessen“."),
        render_kw={"autocomplete": "new-password"},
    )

    def set_unit_choices(self, choices):
        self.unit_id.choices = [(0, _l("– bitte wählen –"))] + choices
        self.guide_units.choices = choices
        self.leadership_units.choices = choices

    def validate_unit_id(self, field):
        from wtforms.validators import ValidationError

        if not field.data:
            raise ValidationError(_l("Bitte wählen Sie eine Organisationseinheit."))


class UserFilterForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Name oder E-Mail"), validators=[Optional(), max_length(100)])
    role = SelectField(
        _l("Rolle"),
        choices=[
            ("", _l("Alle Rollen")),
            ("guide", _l("Lotsinnen und Lotsen")),
            ("leadership", _l("Leitung")),
            ("admin", _l("Administration")),
        ],
        validate_choice=False,
    )
    status = SelectField(
        _l("Status"),
        choices=[("active", _l("Aktiv")), ("inactive", _l("Deaktiviert")), ("all", _l("Alle"))],
        validate_choice=False,
    )


class ImportForm(FlaskForm):
    file = FileField(
        _l("CSV-Datei"),
        validators=[
            FileRequired(_l("Bitte wählen Sie eine CSV-Datei aus.")),
            FileAllowed(["csv", "txt"], _l("Bitte laden Sie eine CSV-Datei (.csv) hoch.")),
            FileSize(MAX_IMPORT_BYTES, message=_l("Die Datei ist zu groß (höchstens 5 MB).")),
        ],
        description=_l(
            "Spalten: E-Mail; Name; Einheit (Pfad wie „Dezernat 2/Amt 32/SG 32.1“); "
            "Rollen (optional: Lotse, Leitung, Administration). Trennzeichen ; "
            "oder , – UTF-8, wie „CSV UTF-8“ aus Excel."
        ),
    )
    create_units = BooleanField(_l("Fehlende Organisationseinheiten aus den Pfaden anlegen"))


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False

    action = StringField(_l("Aktion"), validators=[Optional(), max_length(60)])


class TopicForm(FlaskForm):
    name = StringField(
        _l("Name des Themas"),
        validators=[DataRequired(REQUIRED), max_length(80)],
    )
    description = StringField(
        _l("Kurzbeschreibung (optional)"),
        validators=[Optional(), max_length(300)],
    )
