"""Sign-in, sign-out, passwords, profile and language."""

from intranet.auth import my_data, privacy
from intranet.auth.views import bp
from intranet.features import Feature

feature = Feature(
    name="auth",
    blueprints=(bp,),
    my_data=(my_data.account_section, my_data.audit_section),
    legacy_paths={
        "/auth/login": "auth.login",
        "/auth/logout": "auth.logout",
        "/auth/password": "auth.change_password",
        "/auth/reset": "auth.reset_request",
        "/auth/reset/<token>": "auth.reset_password",
        "/auth/language": "auth.set_language",
        "/auth/profile": "auth.profile",
    },
    data_categories=privacy.CATEGORIES,
)
