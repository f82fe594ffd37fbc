"""Sign-in, sign-out, password change and reset, language choice, own profile."""

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from intranet.auth import queries, services, throttling
from intranet.auth.forms import (
    ChangePasswordForm,
    LanguageForm,
    LoginForm,
    ProfileForm,
    ResetPasswordForm,
    ResetRequestForm,
)
from intranet.domain import attempt
from intranet.extensions import htmx, limiter, login_manager
from intranet.hx import redirect_after_post
from intranet.security import safe_next

bp = Blueprint("auth", __name__, url_prefix="/konto")

login_manager.login_view = "auth.login"
login_manager.login_message = None
login_manager.session_protection = "basic"


@login_manager.user_loader
def load_user(user_id: str):
    raw_id, _sep, nonce = user_id.partition(":")
    if not raw_id.isdigit() or not nonce:
        return None
    user = queries.user_with_roles(int(raw_id))
    if user is None or not user.is_active_account or user.session_nonce != nonce:
        return None
    return user


@login_manager.unauthorized_handler
def unauthorized():
    login_url = url_for("auth.login", next=request.full_path.rstrip("?"))
    if htmx and not htmx.boosted:
        # Never swap a login form into a fragment: send the whole page to the login.
        return "", 401, {"HX-Redirect": login_url}
    return redirect(login_url)


@bp.route("/anmelden", methods=["GET", "POST"])
@throttling.failed_sign_ins("LOTSE_LOGIN_LIMIT", throttling.source_key, throttling.is_known_device)
@throttling.failed_sign_ins("LOTSE_LOGIN_ACCOUNT_LIMIT", throttling.account_key, throttling.is_known_device)
@throttling.failed_sign_ins("LOTSE_LOGIN_DEVICE_LIMIT", throttling.device_key, throttling.is_unknown_device)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        signed_in = attempt(
            lambda: services.authenticate(form.email.data, form.password.data), form=form, field="password"
        )
        if signed_in:
            session.clear()  # a fresh session on every sign-in
            login_user(signed_in.value, remember=form.remember.data)
            session["locale"] = signed_in.value.locale
            response = redirect(safe_next(form.next.data, url_for("main.home")), code=303)
            throttling.remember_device(response, signed_in.value.email)
            return response
        attempt(lambda: services.record_failed_login(form.email.data))
        throttling.mark_failed()
    return render_template("auth/login.html", form=form), 200 if not form.errors else 422


@bp.post("/abmelden")
@login_required
def logout():
    attempt(lambda: services.logout(current_user))
    logout_user()
    session.clear()
    flash(_("Sie wurden abgemeldet."), "success")
    return redirect(url_for("auth.login"), code=303)


@bp.route("/passwort", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit() and attempt(
        lambda: services.change_password(current_user, form.current_password.data, form.new_password.data),
        form=form,
        field="new_password",
        success=_("Ihr Passwort wurde geändert. Andere Sitzungen wurden abgemeldet."),
    ):
        # Keep this session (with the new nonce); every other session has ended.
        login_user(current_user._get_current_object(), remember=False)
        return redirect_after_post(url_for("auth.profile"))
    return render_template("auth/change_password.html", form=form), 422 if form.errors else 200


@bp.route("/passwort-vergessen", methods=["GET", "POST"])
@limiter.limit("5 per 15 minutes", methods=["POST"])
def reset_request():
    form = ResetRequestForm()
    if form.validate_on_submit():
        # The same answer whether or not the address exists (no account enumeration); the
        # mail itself leaves through the outbox, never inside this request.
        attempt(
            lambda: services.request_password_reset(form.email.data),
            success=_(
                "Wenn ein Konto mit dieser Adresse existiert, haben wir einen Link zum "
                "Zurücksetzen gesendet. Er ist eine Stunde gültig."
            ),
        )
        return redirect(url_for("auth.login"), code=303)
    return render_template("auth/reset_request.html", form=form), 422 if form.errors else 200


@bp.route("/passwort-vergessen/<token>", methods=["GET", "POST"])
def reset_password(token):
    user = services.user_for_reset_token(token)
    if user is None:
        flash(_("Der Link ist ungültig oder abgelaufen. Bitte fordern Sie einen neuen an."), "error")
        return redirect(url_for("auth.reset_request"))
    form = ResetPasswordForm()
    if form.validate_on_submit() and attempt(
        lambda: services.set_password(user, form.new_password.data, actor=user),
        form=form,
        field="new_password",
        success=_("Ihr Passwort wurde gesetzt. Sie können sich jetzt anmelden."),
    ):
        return redirect(url_for("auth.login"), code=303)
    return render_template("auth/reset_password.html", form=form), 422 if form.errors else 200


@bp.post("/sprache")
def set_language():
    form = LanguageForm()
    if form.validate_on_submit():
        session["locale"] = form.locale.data
        attempt(lambda: services.set_locale(current_user, form.locale.data))
    return redirect(safe_next(form.next.data, url_for("main.home")), code=303)


@bp.route("/profil", methods=["GET", "POST"])
@login_required
def profile():
    form = ProfileForm(obj=current_user)
    if form.validate_on_submit() and attempt(
        lambda: services.update_profile(current_user, form.name.data, form.email_preference.data),
        form=form,
        success=_("Ihre Einstellungen wurden gespeichert."),
    ):
        return redirect_after_post(url_for("auth.profile"))
    return render_template("auth/profile.html", form=form), 422 if form.errors else 200
