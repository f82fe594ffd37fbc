"""Forms of the privacy admin pages."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField
from wtforms.validators import DataRequired


class PreviewForm(FlaskForm):
    """GET form: which variant to preview."""

    class Meta:
        csrf = False

    beitraege = BooleanField(_l("Auch Beiträge löschen (nur auf ausdrücklichen Wunsch der Person)"))


class ErasureForm(FlaskForm):
    # The variant the admin previewed ("1": contributions go too); the POST does exactly that.
    delete_contributions = HiddenField()
    confirm = BooleanField(
        _l("Ich habe die Vorschau geprüft. Die Löschung kann nicht rückgängig gemacht werden."),
        validators=[DataRequired(_l("Bitte bestätigen Sie, dass Sie die Vorschau geprüft haben."))],
    )


class PurgeForm(FlaskForm):
    pass
