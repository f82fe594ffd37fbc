"""Factories for test data; each creates and commits one object – or, inside `factory.batch()`,
only flushes, and the batch commits once at the end (a whole test organisation in one commit)."""

from __future__ import annotations

import contextlib
import itertools

from intranet.auth.models import RoleAssignment, User
from intranet.auth.passwords import hash_password
from intranet.extensions import db
from intranet.org.models import OrgUnit
from intranet.topics.models import Topic

_counter = itertools.count(1)
PASSWORD = "richtig-gutes-passwort"


class Factory:
    def __init__(self):
        self._batching = False

    @contextlib.contextmanager
    def batch(self):
        """Create many objects with one commit at the end."""
        outer, self._batching = self._batching, True
        try:
            yield self
        finally:
            self._batching = outer
        if not outer:
            db.session.commit()

    def _save(self, obj):
        db.session.add(obj)
        if self._batching:
            db.session.flush()
        else:
            db.session.commit()
        return obj

    def unit(self, name: str | None = None, parent: OrgUnit | None = None, kind: str = "amt") -> OrgUnit:
        unit = OrgUnit(name=name or f"Einheit {next(_counter)}", parent=parent, kind=kind)
        return self._save(unit)

    def user(
        self,
        name: str | None = None,
        unit: OrgUnit | None = None,
        email: str | None = None,
        roles: list | None = None,
        password: str | None = PASSWORD,
        active: bool = True,
        locale: str = "de",
        email_preference: str = "immediately",
    ) -> User:
        """roles: e.g. ["admin", ("guide", unit), ("leadership", unit)]."""
        number = next(_counter)
        unit = unit or self.unit()
        user = User(
            name=name or f"Person {number}",
            email=email or f"person{number}@test.example",
            unit=unit,
            password_hash=hash_password(password) if password else None,
            is_active_account=active,
            locale=locale,
            email_preference=email_preference,
        )
        for role in roles or []:
            role_name, scope = (role, None) if isinstance(role, str) else role
            user.role_assignments.append(RoleAssignment(role=role_name, unit=scope))
        return self._save(user)

    def topic(self, name: str | None = None) -> Topic:
        topic = Topic(name=name or f"Thema {next(_counter)}")
        return self._save(topic)

    def admin(self, **kwargs) -> User:
        return self.user(roles=["admin"], **kwargs)

    def tree(self) -> dict[str, OrgUnit]:
        """A small administration: Verwaltung > Dezernat 1, 2 > Ämter > Sachgebiete."""
        with self.batch():
            return self._tree()

    def _tree(self) -> dict[str, OrgUnit]:
        root = self.unit("Landratsamt Test", kind="verwaltung")
        d1 = self.unit("Dezernat 1", root, "dezernat")
        d2 = self.unit("Dezernat 2", root, "dezernat")
        a10 = self.unit("Amt 10", d1)
        a32 = self.unit("Amt 32", d2)
        sg321 = self.unit("SG 32.1", a32, "sachgebiet")
        sg322 = self.unit("SG 32.2", a32, "sachgebiet")
        return {"root": root, "d1": d1, "d2": d2, "a10": a10, "a32": a32, "sg321": sg321, "sg322": sg322}
