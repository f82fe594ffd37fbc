"""Sign-in and password forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo

from intranet.form_rules import EMAIL_INVALID, REQUIRED, max_length


class LoginForm(FlaskForm):
    email = EmailField(
        _l("E-Mail-Adresse"),
        validators=[DataRequired(REQUIRED), max_length(254)],
        render_kw={"autocomplete": "username"},
    )
    password = PasswordField(
        _l("Passwort"),
        validators=[DataRequired(REQUIRED), max_length(200)],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField(_l("Angemeldet bleiben (auf diesem Gerät)"))
    next = HiddenField()


class ResetPasswordForm(FlaskForm):
    """A new password, typed twice (also the second half of the change-password form)."""

    new_password = PasswordField(
        _l("Neues Passwort"),
        validators=[DataRequired(REQUIRED)],
        description=_l("Mindestens 10 Zeichen. Ein Satz aus mehreren Wörtern ist gut zu merken."),
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        _l("Neues Passwort wiederholen"),
        validators=[
            DataRequired(REQUIRED),
            EqualTo("new_password", message=_l("Die beiden Passwörter stimmen nicht überein.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )


class ChangePasswordForm(ResetPasswordForm):
    current_password = PasswordField(
        _l("Aktuelles Passwort"),
        validators=[DataRequired(REQUIRED), max_length(200)],
        render_kw={"autocomplete": "current-password"},
    )


class ResetRequestForm(FlaskForm):
    email = EmailField(
        _l("E-Mail-Adresse"),
        validators=[DataRequired(REQUIRED), Email(EMAIL_INVALID), max_length(254)],
        render_kw={"autocomplete": "username"},
    )


class LanguageForm(FlaskForm):
    locale = SelectField(_l("Sprache"), choices=[("de", "Deutsch"), ("en", "English")])
    next = HiddenField()


class ProfileForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(REQUIRED), max_length(120)])
    email_preference = SelectField(
        _l("E-Mail-Benachrichtigungen"),
        choices=[
            ("immediately", _l("Sofort per E-Mail")),
            ("digest", _l("Einmal täglich als Zusammenfassung")),
            ("off", _l("Keine E-Mails, nur in Lotse")),
        ],
    )
