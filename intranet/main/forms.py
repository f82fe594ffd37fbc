from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired

from intranet.form_rules import FORMATTING_HELP, REQUIRED, max_length


class SitePageForm(FlaskForm):
    title = StringField(
        _l("Überschrift"),
        validators=[DataRequired(REQUIRED), max_length(200)],
    )
    body = TextAreaField(
        _l("Text"),
        validators=[DataRequired(REQUIRED), max_length(50000)],
        description=FORMATTING_HELP,
        render_kw={"rows": 16},
    )
