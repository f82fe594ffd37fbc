"""The guard in tests/conftest.py: a socket connected inside a transaction fails the test."""

import socket
import threading

from sqlalchemy import select

from intranet.extensions import db
from intranet.notify.models import OutgoingMail


def _listener():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    return server


def test_detector_fires_on_a_socket_inside_a_transaction(app, no_network_inside_transactions):
    server = _listener()
    try:
        db.session.scalars(select(OutgoingMail)).all()  # the session now has a transaction open
        with socket.create_connection(server.getsockname(), timeout=2):
            pass
        found = no_network_inside_transactions.take()  # taken, so this control test passes
        assert len(found) == 1 and "offener Transaktion" in found[0]
        assert "test_socket_guard.py" in found[0]  # the report says where
    finally:
        server.close()


def test_no_alarm_once_the_transaction_has_ended(app, no_network_inside_transactions):
    server = _listener()
    try:
        db.session.scalars(select(OutgoingMail)).all()
        db.session.commit()
        with socket.create_connection(server.getsockname(), timeout=2):
            pass
        assert no_network_inside_transactions.take() == []
    finally:
        server.close()


def test_another_threads_transaction_is_not_this_threads_business(app, no_network_inside_transactions):
    """A request in another thread may hold its own transaction while this one talks to the net."""
    server = _listener()
    started, done = threading.Event(), threading.Event()

    def reader():
        with app.app_context():
            db.session.scalars(select(OutgoingMail)).all()
            started.set()
            done.wait(5)
            db.session.remove()

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        assert started.wait(5)
        with socket.create_connection(server.getsockname(), timeout=2):
            pass
        assert no_network_inside_transactions.take() == []
    finally:
        done.set()
        thread.join(5)
        server.close()
