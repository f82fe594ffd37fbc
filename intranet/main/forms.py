from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired

from intranet.form_rules import REQUIRED, max_length


class SitePageForm(FlaskForm):
    title = StringField(
        _l("Überschrift"),
        validators=[DataRequired(REQUIRED), max_length(200)],
    )
    body = TextAreaField(
        _l("Text (Markdown)"),
        validators=[DataRequired(REQUIRED), max_length(50000)],
        description=_l("Überschriften mit ##, Listen mit -, Links mit [Text](Adresse)."),
        render_kw={"rows": 16},
    )
