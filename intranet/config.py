"""Configuration from environment variables, with safe defaults for development.

Every variable is documented in README.md ("Configuration (environment variables)").
"""

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

WEAK_SECRETS = {"", "dev", "change-me", "secret", "changeme"}


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


def _int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def _retention_days() -> dict:
    """Every `LOTSE_RETENTION_*` variable (days); the defaults sit in the feature declarations."""
    periods = {}
    for name, value in os.environ.items():
        if name.startswith("LOTSE_RETENTION_"):
            if not value.strip().isdigit() or int(value) < 1:
                raise ConfigError(f"{name} muss eine ganze Zahl von Tagen (mindestens 1) sein.")
            periods[name] = int(value)
    return periods


def _dev_secret_key(instance_path: Path) -> str:
    """Return the development secret stored in instance/, creating it once."""
    instance_path.mkdir(parents=True, exist_ok=True)
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


class ConfigError(RuntimeError):
    """Raised when the configuration is unsafe for the selected environment."""


def load_config(instance_path: Path) -> dict:
    """Build the Flask config mapping from the environment."""
    env = os.environ.get("LOTSE_ENV", "development")
    is_production = env == "production"
    secret_key = os.environ.get("SECRET_KEY", "")
    if is_production and (secret_key in WEAK_SECRETS or len(secret_key) < 32):
        raise ConfigError(
            "SECRET_KEY fehlt oder ist zu schwach (mindestens 32 Zeichen). "
            "Lotse startet im Produktivbetrieb nicht ohne sicheren Schlüssel."
        )
    if not secret_key:
        secret_key = _dev_secret_key(instance_path)
    base_url = os.environ.get("LOTSE_BASE_URL", "").strip()
    if is_production and not urlsplit(base_url).hostname:
        raise ConfigError(
            "LOTSE_BASE_URL fehlt (z. B. https://lotse.landkreis.example). Lotse startet im "
            "Produktivbetrieb nicht ohne feste Adresse für Links in E-Mails und Feeds."
        )

    database_url = os.environ.get("DATABASE_URL") or (f"sqlite:///{instance_path / 'lotse.sqlite3'}")
    if database_url.startswith("postgres://"):
        database_url = "postgresql+psycopg://" + database_url.removeprefix("postgres://")
    elif database_url.startswith("postgresql://"):
        database_url = "postgresql+psycopg://" + database_url.removeprefix("postgresql://")

    https = _bool("LOTSE_HTTPS", is_production)
    return {
        "LOTSE_ENV": env,
        "DEBUG": False,
        "TESTING": False,
        "SECRET_KEY": secret_key,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        # Sessions and cookies
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": https,
        "SESSION_COOKIE_NAME": "lotse_session",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": https,
        "REMEMBER_COOKIE_DURATION": 60 * 60 * 24 * _int("LOTSE_REMEMBER_DAYS", 14),
        "PERMANENT_SESSION_LIFETIME": 60 * 60 * _int("LOTSE_SESSION_HOURS", 10),
        "LOTSE_HTTPS": https,
        # Proxy: number of trusted reverse proxies in front of Lotse (0 = none); they set
        # X-Forwarded-For and -Proto. X-Forwarded-Host only if the proxy sets it itself.
        "LOTSE_PROXY_COUNT": _int("LOTSE_PROXY_COUNT", 0),
        "LOTSE_PROXY_FORWARDS_HOST": _bool("LOTSE_PROXY_FORWARDS_HOST", False),
        # Host names besides LOTSE_BASE_URL's that requests may use (e.g. "lotse,lotse.intern")
        "LOTSE_TRUSTED_HOSTS": [
            host.strip() for host in os.environ.get("LOTSE_TRUSTED_HOSTS", "").split(",") if host.strip()
        ],
        # Uploads (CSV import); the form itself limits CSV files to 5 MB
        "MAX_CONTENT_LENGTH": 16 * 1024 * 1024,
        # CSRF
        "WTF_CSRF_ENABLED": True,
        "WTF_CSRF_TIME_LIMIT": None,  # token lives as long as the session
        "WTF_CSRF_HEADERS": ["X-CSRFToken"],
        # i18n
        "BABEL_DEFAULT_LOCALE": "de",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Berlin",
        "LOTSE_LOCALES": ["de", "en"],
        # Rate limiting (login throttling); Redis in production: redis://127.0.0.1:6379/0
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_ENABLED": _bool("RATELIMIT_ENABLED", True),
        "RATELIMIT_HEADERS_ENABLED": False,
        "LOTSE_LOGIN_LIMIT": os.environ.get("LOTSE_LOGIN_LIMIT", "10 per minute"),
        # Failed sign-ins only (intranet/auth/throttling.py): per source, per account from
        # unknown sources, per account on a browser that signed in to it before.
        "LOTSE_LOGIN_ACCOUNT_LIMIT": os.environ.get("LOTSE_LOGIN_ACCOUNT_LIMIT", "5 per 15 minutes"),
        "LOTSE_LOGIN_DEVICE_LIMIT": os.environ.get("LOTSE_LOGIN_DEVICE_LIMIT", "5 per 15 minutes"),
        # Prefix of every rate-limit key (tests use their own to share one Redis)
        "RATELIMIT_KEY_PREFIX": os.environ.get("RATELIMIT_KEY_PREFIX", "lotse"),
        # Password hashing (Argon2id); tests lower the cost
        "ARGON2_TIME_COST": _int("ARGON2_TIME_COST", 3),
        "ARGON2_MEMORY_COST": _int("ARGON2_MEMORY_COST", 65536),
        "PASSWORD_RESET_MAX_AGE": _int("LOTSE_PASSWORD_RESET_MINUTES", 60) * 60,
        # Mail: "console" (development) or "smtp"
        "MAIL_BACKEND": os.environ.get("MAIL_BACKEND", "smtp" if is_production else "console"),
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", "127.0.0.1"),
        "MAIL_PORT": _int("MAIL_PORT", 25),
        "MAIL_USE_TLS": _bool("MAIL_USE_TLS", False),
        "MAIL_USE_SSL": _bool("MAIL_USE_SSL", False),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD", ""),
        "MAIL_DEFAULT_SENDER": os.environ.get("MAIL_DEFAULT_SENDER", "lotse@lotse.example"),
        "MAIL_TIMEOUT": _int("MAIL_TIMEOUT", 10),
        # Public base URL used in e-mails and feeds (no request context in jobs)
        "LOTSE_BASE_URL": base_url or "http://127.0.0.1:5000",
        # Scheduler: "off" (default; production runs `flask scheduler`) or "inprocess"
        "LOTSE_SCHEDULER": os.environ.get("LOTSE_SCHEDULER", "off"),
        # Domain settings
        "LOTSE_ANONYMITY_K": _int("LOTSE_ANONYMITY_K", 5),
        "LOTSE_HOLIDAY_STATE": os.environ.get("LOTSE_HOLIDAY_STATE", "BW"),
        # Feedback board: how long an anonymous poster's code works; the anonymity mix
        # (docs/ANONYMITY.md): smallest batch, most rounds a batch waits, daily budget per person.
        "LOTSE_FEEDBACK_SECRET_DAYS": _int("LOTSE_FEEDBACK_SECRET_DAYS", 365),
        "LOTSE_ANON_MIX_MIN": _int("LOTSE_ANON_MIX_MIN", 3),
        "LOTSE_ANON_MIX_MAX_ROUNDS": _int("LOTSE_ANON_MIX_MAX_ROUNDS", 8),
        "LOTSE_ANON_DAILY_BUDGET": _int("LOTSE_ANON_DAILY_BUDGET", 20),
        "LOTSE_ORGANISATION_NAME": os.environ.get("LOTSE_ORGANISATION_NAME", "Landratsamt"),
        "LOTSE_BARRIER_CONTACT": os.environ.get("LOTSE_BARRIER_CONTACT", "barrierefreiheit@lotse.example"),
        "LOTSE_PER_PAGE": _int("LOTSE_PER_PAGE", 25),
        # Retention periods in days (LOTSE_RETENTION_*; defaults and reasons: README, "Aufbewahrung")
        **_retention_days(),
    }


DEVELOPMENT_HOSTS = ("127.0.0.1", "localhost")


def trusted_hosts(config) -> list[str]:
    """Host names a request may use: LOTSE_BASE_URL's, LOTSE_TRUSTED_HOSTS, and outside
    production 127.0.0.1/localhost. Anything else is refused with 400 (Flask's TRUSTED_HOSTS)."""
    hosts = [urlsplit(config["LOTSE_BASE_URL"]).hostname, *config["LOTSE_TRUSTED_HOSTS"]]
    if config["LOTSE_ENV"] != "production":
        hosts.extend(DEVELOPMENT_HOSTS)
    return list(dict.fromkeys(host for host in hosts if host))
