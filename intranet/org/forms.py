from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired

from intranet.form_rules import REQUIRED, max_length

KIND_CHOICES = [
    ("verwaltung", _l("Verwaltung")),
    ("dezernat", _l("Dezernat")),
    ("amt", _l("Amt / Fachbereich")),
    ("sachgebiet", _l("Sachgebiet")),
    ("team", _l("Team")),
]


class UnitForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(REQUIRED), max_length(120)])
    kind = SelectField(_l("Art der Einheit"), choices=KIND_CHOICES)
    parent_id = SelectField(_l("Übergeordnete Einheit"), coerce=int)

    def set_parent_choices(self, choices):
        self.parent_id.choices = [(0, _l("– keine (oberste Ebene) –"))] + choices
