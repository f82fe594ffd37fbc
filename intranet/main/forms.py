from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from intranet.form_rules import REQUIRED


class SitePageForm(FlaskForm):
    title = StringField(
        _l("Überschrift"),
        validators=[DataRequired(REQUIRED), Length(max=200, message=_l("Höchstens 200 Zeichen."))],
    )
    body = TextAreaField(
        _l("Text (Markdown)"),
        validators=[DataRequired(REQUIRED), Length(max=50000, message=_l("Höchstens 50.000 Zeichen."))],
        description=_l("Überschriften mit ##, Listen mit -, Links mit [Text](Adresse)."),
        render_kw={"rows": 16},
    )
