"""Sending e-mail: SMTP in production and tests, the console in development."""

from __future__ import annotations

import logging
import smtplib
import ssl
from email.message import EmailMessage

from flask import current_app

log = logging.getLogger(__name__)


def build_message(to_address: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    message["To"] = to_address
    message["Subject"] = subject
    message.set_content(body)
    return message


def send_mail(to_address: str, subject: str, body: str) -> None:
    """Send one message now through the configured backend; raises on SMTP failure."""
    config = current_app.config
    message = build_message(to_address, subject, body)
    if config["MAIL_BACKEND"] == "console":
        log.info("E-Mail (Konsole) an %s: %s\n%s", to_address, subject, body)
        print(f"--- E-Mail an {to_address}: {subject}\n{body}\n---", flush=True)
        return
    if config["MAIL_BACKEND"] != "smtp":
        raise ValueError(f"Unbekanntes MAIL_BACKEND {config['MAIL_BACKEND']!r}")
    smtp_class = smtplib.SMTP_SSL if config["MAIL_USE_SSL"] else smtplib.SMTP
    # Bounded (intranet/timeouts.py): connecting, then every command on its own.
    with smtp_class(timeout=config["MAIL_CONNECT_TIMEOUT"]) as smtp:
        smtp.connect(config["MAIL_SERVER"], config["MAIL_PORT"])
        smtp.sock.settimeout(config["MAIL_TIMEOUT"])
        if config["MAIL_USE_TLS"] and not config["MAIL_USE_SSL"]:
            smtp.starttls(context=ssl.create_default_context())
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(message)
