"""Sign-in, sign-out, passwords, profile and language."""

from intranet.auth import my_data, privacy
from intranet.auth.views import bp
from intranet.features import Feature

feature = Feature(
    name="auth",
    blueprints=(bp,),
    my_data=(my_data.account_section, my_data.audit_section),
    data_categories=privacy.CATEGORIES,
)
